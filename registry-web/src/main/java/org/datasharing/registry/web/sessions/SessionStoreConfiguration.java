package org.datasharing.registry.web.sessions;

import io.lettuce.core.ClientOptions;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Page sessions in Redis ({@code registry.sessions.store=redis}; where Redis is: {@code
 * spring.data.redis.*}). Spring Boot's own auto-configuration does the rest (Spring Session's
 * filter, the cookie from {@code server.servlet.session.cookie.*}, the timeout from {@code
 * server.servlet.session.timeout}); this adds what an outage needs: commands refused at once while
 * Redis is down instead of queued until a timeout, and the {@link SessionStoreOutage} page.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = SessionStoreSwitch.PROPERTY, havingValue = "redis")
class SessionStoreConfiguration {
  /** Outside Spring Session's filter, so its load and its save both fail inside this one. */
  static final int OUTAGE_FILTER_ORDER = SessionRepositoryFilter.DEFAULT_ORDER - 10;

  /**
   * Lettuce queues commands while disconnected and fails them only at the command timeout; refuse
   * them at once instead, so a page answers the outage page quickly. Boot's options builder already
   * carries the connect timeout ({@code spring.data.redis.connect-timeout}).
   */
  @Bean
  LettuceClientOptionsBuilderCustomizer sessionStoreFailsFast() {
    return options ->
        options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
  }

  @Bean
  FilterRegistrationBean<SessionStoreOutage> sessionStoreOutage() {
    FilterRegistrationBean<SessionStoreOutage> registration =
        new FilterRegistrationBean<>(new SessionStoreOutage());
    registration.setOrder(OUTAGE_FILTER_ORDER);
    registration.setDispatcherTypes(
        DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
    return registration;
  }
}

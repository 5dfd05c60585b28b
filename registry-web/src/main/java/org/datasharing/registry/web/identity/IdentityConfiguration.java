package org.datasharing.registry.web.identity;

import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.identity.IdentityDirectory;
import org.datasharing.registry.core.identity.Onboarding;
import org.datasharing.registry.core.identity.Reconciliation;
import org.datasharing.registry.web.operations.DomainMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires onboarding over Keycloak's admin API. The service account's secret comes from configuration
 * only (the run command's dev services pass the sample realm's). Without a secret the registry
 * still starts, and onboarding answers 503 saying what to configure.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityConfiguration {
  private static final Logger log = LoggerFactory.getLogger(IdentityConfiguration.class);

  @Bean(destroyMethod = "close")
  IdentityDirectory identityDirectory(
      IdentityProperties props, Environment env, DomainMetrics metrics) {
    IdentityProperties.Resolved s =
        props.resolve(env.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"));
    s.missing()
        .ifPresentOrElse(
            why -> log.info("{}; onboarding answers 503 until then", why),
            () ->
                log.info(
                    "Onboarding through Keycloak's admin API at {} (realm {}, client {})",
                    s.serverUrl(),
                    s.realm(),
                    s.clientId()));
    return MeteredDirectory.of(KeycloakIdentityDirectory.connect(s), metrics);
  }

  @Bean
  Onboarding onboarding(Registry registry, IdentityDirectory directory) {
    return registry.onboarding(directory);
  }

  @Bean
  Reconciliation reconciliation(Registry registry, IdentityDirectory directory) {
    return registry.reconciliation(directory);
  }
}

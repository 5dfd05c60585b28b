package org.datasharing.registry.web.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class SessionStoreSwitchTest {
  private static final String[] CANDIDATES = {
    "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
    "org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration",
    "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
    "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
    null
  };

  private static boolean[] match(MockEnvironment environment) {
    SessionStoreSwitch filter = new SessionStoreSwitch();
    filter.setEnvironment(environment);
    return filter.match(CANDIDATES, null);
  }

  @Test
  void byDefault_springSessionAndRedisStayOut_everythingElseStays() {
    assertThat(match(new MockEnvironment()))
        .containsExactly(false, false, false, false, true, true);
    assertThat(match(new MockEnvironment().withProperty("registry.sessions.store", "memory")))
        .containsExactly(false, false, false, false, true, true);
  }

  @Test
  void redis_letsSpringSessionAndRedisIn() {
    assertThat(match(new MockEnvironment().withProperty("registry.sessions.store", " Redis ")))
        .containsExactly(true, true, true, true, true, true);
  }

  @Test
  void anotherStore_stopsTheStartUp_namingTheSettingAndItsValues() {
    assertThatThrownBy(
            () -> match(new MockEnvironment().withProperty("registry.sessions.store", "jdbc")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("registry.sessions.store")
        .hasMessageContaining("memory")
        .hasMessageContaining("redis");
  }
}

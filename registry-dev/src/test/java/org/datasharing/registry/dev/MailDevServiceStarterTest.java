package org.datasharing.registry.dev;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

class MailDevServiceStarterTest {

  @Test
  void configuredMailServer_startsNothing_andKeepsTheArguments() {
    String[] args = {"--spring.mail.host=smtp.example"};
    assertThat(MailDevServiceStarter.startIfNeeded(new SpringApplication(Object.class), args))
        .containsExactly(args);
  }

  @Test
  void switchedOff_startsNothing_andKeepsTheArguments() {
    String[] args = {"--registry.mail.dev-service=false"};
    assertThat(MailDevServiceStarter.startIfNeeded(new SpringApplication(Object.class), args))
        .containsExactly(args);
  }

  @Test
  void banner_saysWhereToReadTheMessages() {
    assertThat(MailDevServiceStarter.banner(null, 3025, "http://localhost:8025"))
        .contains("SMTP localhost:3025")
        .contains("http://localhost:8025/api/user/");
  }
}

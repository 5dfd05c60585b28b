package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A party leaving through the pages: the agreement page offers it to a party's DPO, a GOV.UK
 * confirmation page asks first, a bad reason comes back on that page, and confirming records the
 * notice. On the sample data: {@code dsa-hospital-discharge} is active between the trust, the
 * council and the ICB.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LeavePageTest {
  static final String PAGE = "/agreements/dsa-hospital-discharge";

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  /** A day the sample agreement is active, before its review date. */
  @TestConfiguration
  static class FixedDay {
    @Bean
    @Primary
    Clock fixedDay() {
      return Clock.fixed(Instant.parse("2026-12-03T09:00:00Z"), ZoneOffset.UTC);
    }
  }

  @Autowired MockMvc mvc;

  MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  @Test
  void aPartysDpo_confirmsOnAConfirmationPage_andTheNoticeIsRecorded() throws Exception {
    var icb = WorkQueuesTest.user("dpo.icb", "dpo", WorkQueuesTest.ICB);
    assertThat(call(get(PAGE).with(icb)).getContentAsString()).contains("id=\"leave\"");
    assertThat(
            call(get(PAGE).with(WorkQueuesTest.user("partner.icb", "partner", WorkQueuesTest.ICB)))
                .getContentAsString())
        .doesNotContain("id=\"leave\"");

    var confirm = call(get(PAGE + "/leave").with(icb));
    assertThat(confirm.getStatus()).isEqualTo(200);
    assertThat(confirm.getContentAsString())
        .contains("wants to leave this agreement?")
        .contains("id=\"confirm-leave\"");
    assertThat(
            call(get(PAGE + "/leave")
                    .with(WorkQueuesTest.user("partner.icb", "partner", WorkQueuesTest.ICB)))
                .getStatus())
        .isEqualTo(403);

    var bad =
        call(post(PAGE + "/leave").with(icb).with(csrf()).param("leaveReason", "bad\u0001text"));
    assertThat(bad.getStatus()).isEqualTo(422);
    assertThat(bad.getContentAsString()).contains("There is a problem").contains("#leaveReason");

    var left =
        mvc.perform(
                post(PAGE + "/leave")
                    .with(icb)
                    .with(csrf())
                    .param("leaveReason", "Our evaluation has finished"))
            .andReturn();
    assertThat(left.getResponse().getStatus()).isEqualTo(302);
    assertThat(String.valueOf(left.getFlashMap().get("success")))
        .contains("notice of leaving is recorded");
    String after = call(get(PAGE).with(icb)).getContentAsString();
    assertThat(after).doesNotContain("id=\"leave\"").contains("Our evaluation has finished");
  }
}

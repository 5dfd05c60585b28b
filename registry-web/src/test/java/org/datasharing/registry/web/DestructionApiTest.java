package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Destruction confirmed by each party once an agreement ended, on the sample data: {@code
 * dsa-school-readiness} was terminated (council, trust, learning trust) long enough ago that the
 * confirmations are overdue on the DPOs' dashboards.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DestructionApiTest {
  static final String ID = "dsa-school-readiness";
  static final String PATH = "/api/agreements/" + ID + "/destruction";

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  @Autowired MockMvc mvc;

  MockHttpServletResponse api(String username, String json) throws Exception {
    return mvc.perform(
            post(PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .with(
                    AuthorizationMatrixTest.token(
                        username, AuthorizationMatrixTest.USERS.get(username))))
        .andReturn()
        .getResponse();
  }

  String page(String path, String username, String role, String org) throws Exception {
    return mvc.perform(get(path).with(WorkQueuesTest.user(username, role, org)))
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  @Test
  void eachPartysDpo_confirmsOnce_and422_403_409_areAnsweredByField() throws Exception {
    String dashboard = page("/", "dpo.council", "dpo", WorkQueuesTest.COUNCIL);
    assertThat(dashboard)
        .contains("Data to destroy or return")
        .contains("data-agreement=\"" + ID + "\"");
    assertThat(dashboard.substring(dashboard.indexOf("destruction-due-table"))).contains("Overdue");

    var unknown = api("dpo.council", "{\"disposal\":\"shredded\"}");
    assertThat(unknown.getStatus()).isEqualTo(422);
    assertThat(unknown.getContentAsString()).contains("\"field\":\"disposal\"");
    var missing = api("dpo.council", "{}");
    assertThat(missing.getStatus()).isEqualTo(422);
    assertThat(missing.getContentAsString()).contains("\"field\":\"disposal\"");
    assertThat(api("partner.council", "{\"disposal\":\"destroyed\"}").getStatus()).isEqualTo(403);
    assertThat(api("dpo.icb", "{\"disposal\":\"destroyed\"}").getStatus()).isEqualTo(403);
    var active =
        mvc.perform(
                post("/api/agreements/dsa-hospital-discharge/destruction")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"disposal\":\"destroyed\"}")
                    .with(
                        AuthorizationMatrixTest.token(
                            "dpo.trust", AuthorizationMatrixTest.USERS.get("dpo.trust"))))
            .andReturn()
            .getResponse();
    assertThat(active.getStatus()).isEqualTo(409);

    var confirmed =
        api("dpo.council", "{\"disposal\":\"destroyed\",\"statement\":\"Certificate D-2026-4\"}");
    assertThat(confirmed.getStatus()).isEqualTo(201);
    assertThat(confirmed.getContentAsString()).contains("\"disposal\":\"destroyed\"");
    assertThat(api("dpo.council", "{\"disposal\":\"returned\"}").getStatus()).isEqualTo(409);
    assertThat(page("/", "dpo.council", "dpo", WorkQueuesTest.COUNCIL))
        .doesNotContain("data-agreement=\"" + ID + "\"");

    String trustPage = page("/agreements/" + ID, "dpo.trust", "dpo", WorkQueuesTest.TRUST);
    assertThat(trustPage).contains("id=\"destruction-form\"").contains("Certificate D-2026-4");
    var byPage =
        mvc.perform(
                post("/agreements/" + ID + "/destruction")
                    .with(WorkQueuesTest.user("dpo.trust", "dpo", WorkQueuesTest.TRUST))
                    .with(csrf())
                    .param("disposal", ""))
            .andReturn()
            .getResponse();
    assertThat(byPage.getStatus()).isEqualTo(422);
    assertThat(byPage.getContentAsString()).contains("Select what your organisation did");
    var returned =
        mvc.perform(
                post("/agreements/" + ID + "/destruction")
                    .with(WorkQueuesTest.user("dpo.trust", "dpo", WorkQueuesTest.TRUST))
                    .with(csrf())
                    .param("disposal", "returned"))
            .andReturn()
            .getResponse();
    assertThat(returned.getStatus()).isEqualTo(302);
    assertThat(page("/agreements/" + ID, "dpo.trust", "dpo", WorkQueuesTest.TRUST))
        .doesNotContain("id=\"destruction-form\"")
        .contains("Returned");
  }
}

package org.datasharing.registry.web.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keycloak's admin API, as far as the notification dispatcher asks it (organisations, their
 * members, the holders of the dpo, partner and senior-officer roles, a user by id), stubbed on the
 * test issuer's WireMock: one DPO for each of the three organisations the workload's agreements
 * name, and the ICB partner who submits them. Each person's address is {@code
 * username@crash.example}.
 */
final class DirectoryStubs {
  static final String ADMIN = "/admin/realms/registry";
  static final String DOMAIN = "@crash.example";
  static final List<SampleUser> DPOS =
      List.of(SampleUser.DPO_COUNCIL, SampleUser.DPO_TRUST, SampleUser.DPO_ICB);

  private DirectoryStubs() {}

  /** The address the directory gives this user. */
  static String email(SampleUser user) {
    return user.username().toLowerCase(Locale.ROOT) + DOMAIN;
  }

  /** Stubs the directory on the issuer's server (the registry derives the admin URL from it). */
  static void stub(TestIssuer issuer) {
    WireMockServer server = issuer.server();
    server.stubFor(
        post(urlPathEqualTo("/realms/registry/protocol/openid-connect/token"))
            .willReturn(
                okJson(
                    "{\"access_token\":\"service-account-token\",\"expires_in\":300,"
                        + "\"refresh_expires_in\":0,\"token_type\":\"Bearer\"}")));
    List<String> organisations = new ArrayList<>();
    for (SampleUser dpo : DPOS) {
      String alias = dpo.organisation().orElseThrow();
      organisations.add(
          "{\"id\":\"%1$s\",\"alias\":\"%1$s\",\"name\":\"%1$s\",\"enabled\":true,\"domains\":[]}"
              .formatted(alias));
      List<String> members = new ArrayList<>(List.of(user(dpo)));
      if (dpo.organisation().equals(SampleUser.PARTNER_ICB.organisation())) {
        members.add(user(SampleUser.PARTNER_ICB));
      }
      server.stubFor(
          get(urlPathEqualTo(ADMIN + "/organizations/" + alias + "/members"))
              .willReturn(okJson("[" + String.join(",", members) + "]")));
    }
    server.stubFor(
        get(urlPathEqualTo(ADMIN + "/organizations"))
            .willReturn(okJson("[" + String.join(",", organisations) + "]")));
    server.stubFor(
        get(urlPathEqualTo(ADMIN + "/roles/dpo/users"))
            .willReturn(
                okJson(
                    "["
                        + String.join(",", DPOS.stream().map(DirectoryStubs::user).toList())
                        + "]")));
    server.stubFor(
        get(urlPathEqualTo(ADMIN + "/roles/partner/users"))
            .willReturn(okJson("[" + user(SampleUser.PARTNER_ICB) + "]")));
    server.stubFor(
        get(urlPathEqualTo(ADMIN + "/roles/senior-officer/users")).willReturn(okJson("[]")));
    for (SampleUser u :
        List.of(
            SampleUser.PARTNER_ICB,
            SampleUser.DPO_COUNCIL,
            SampleUser.DPO_TRUST,
            SampleUser.DPO_ICB)) {
      // the token's subject is "sub-" + username (TestIssuer), the registry asks by it
      server.stubFor(
          get(urlPathEqualTo(ADMIN + "/users/sub-" + u.username())).willReturn(okJson(user(u))));
      server.stubFor(
          get(urlPathEqualTo(ADMIN + "/users/sub-" + u.username() + "/role-mappings/realm"))
              .willReturn(okJson("[{\"name\":\"" + u.role() + "\"}]")));
    }
  }

  private static String user(SampleUser u) {
    return ("{\"id\":\"sub-%1$s\",\"username\":\"%1$s\",\"email\":\"%2$s\",\"firstName\":\"%1$s\","
            + "\"lastName\":\"Crash\",\"enabled\":true,\"emailVerified\":true}")
        .formatted(u.username(), email(u));
  }
}

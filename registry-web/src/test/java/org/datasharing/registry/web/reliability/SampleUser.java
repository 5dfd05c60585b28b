package org.datasharing.registry.web.reliability;

import java.util.Optional;
import org.datasharing.registry.web.devservices.SharedKeycloak;

/**
 * A sample user of the realm {@code docker/keycloak/realm-registry.json} (password {@code demo}):
 * username, realm role and organisation (empty for none). The harness's tokens come from the real
 * Keycloak ({@link #keycloakToken}) or, for tests that need a token Keycloak would not issue, from
 * {@link TestIssuer#token}.
 */
record SampleUser(String username, String role, Optional<String> organisation) {
  static final SampleUser PARTNER_ICB =
      new SampleUser("partner.icb", "partner", Optional.of("northshire-integrated-care-board"));
  static final SampleUser DPO_COUNCIL =
      new SampleUser("dpo.council", "dpo", Optional.of("northshire-county-council"));
  static final SampleUser DPO_TRUST =
      new SampleUser("dpo.trust", "dpo", Optional.of("northshire-nhs-foundation-trust"));
  static final SampleUser DPO_ICB =
      new SampleUser("dpo.icb", "dpo", Optional.of("northshire-integrated-care-board"));
  static final SampleUser ADMIN = new SampleUser("admin", "registry-admin", Optional.empty());
  static final SampleUser AUDITOR = new SampleUser("auditor", "auditor", Optional.empty());

  /** A password-grant access token of this user from the test JVM's Keycloak. */
  String keycloakToken() {
    return SharedKeycloak.token(username);
  }
}

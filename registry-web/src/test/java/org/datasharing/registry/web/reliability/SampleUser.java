package org.datasharing.registry.web.reliability;

import java.util.Optional;

/**
 * A sample user of the realm {@code docker/keycloak/realm-registry.json} (password {@code demo}):
 * username, realm role and organisation (empty for none). The harness's tokens come from the real
 * Keycloak ({@code SharedKeycloak.token(username)}) or, where a test restarts the registry many
 * times, from {@link TestIssuer#token}.
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
}

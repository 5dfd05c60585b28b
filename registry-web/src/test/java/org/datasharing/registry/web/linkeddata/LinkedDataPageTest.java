package org.datasharing.registry.web.linkeddata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkedDataPageTest {
  static final String BASE = "https://registry.example/id/";

  @Test
  void href_linksTheRegistrysPagesOnThisSite_andOtherWebIris() {
    assertThat(LinkedDataPage.href(BASE, BASE + "dataset/reablement-episodes"))
        .isEqualTo("/id/dataset/reablement-episodes");
    assertThat(LinkedDataPage.href(BASE, BASE + "organisation/northshire-county-council"))
        .isEqualTo("/id/organisation/northshire-county-council");
    assertThat(LinkedDataPage.href(BASE, "https://w3id.org/dpv#hasPurpose"))
        .isEqualTo("https://w3id.org/dpv#hasPurpose");
  }

  @Test
  void href_isNone_forInnerNodesAndOtherSchemes() {
    assertThat(LinkedDataPage.href(BASE, BASE + "agreement/dsa-x/version/1")).isNull();
    assertThat(LinkedDataPage.href(BASE, "javascript:alert(document.cookie)")).isNull();
    assertThat(LinkedDataPage.href(BASE, "JavaScript:alert(1)")).isNull();
    assertThat(LinkedDataPage.href(BASE, "data:text/html,<script>alert(1)</script>")).isNull();
    assertThat(LinkedDataPage.href(BASE, "urn:isbn:0451450523")).isNull();
  }
}

package org.datasharing.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.datasharing.registry.core.register.PublicRegister;
import org.junit.jupiter.api.Test;

class FullTextWordsTest {

  @Test
  void line_keepsAMultiLineAnswerOnOneLine_soItCannotPassForAClauseOfItsOwn() {
    PublicRegister.Clause c =
        new PublicRegister.Clause(
            "securityMeasures",
            "Northshire County Council",
            "Encrypted at rest.\r\nContact person: someone@example.org\n\nAudited yearly.",
            "");

    String line = FullTextWords.line(c);

    assertThat(line).doesNotContain("\n").doesNotContain("\r");
    assertThat(line)
        .startsWith("Northshire County Council: ")
        .endsWith("Encrypted at rest. / Contact person: someone@example.org / Audited yearly.");
  }

  @Test
  void line_saysWhatIsWithheld_inPlace() {
    PublicRegister.Clause c =
        new PublicRegister.Clause("contact", "", "", "personal contact details of a named person");

    assertThat(FullTextWords.line(c))
        .isEqualTo("Contact person: Withheld: personal contact details of a named person");
  }
}

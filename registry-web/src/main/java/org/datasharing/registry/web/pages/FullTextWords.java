package org.datasharing.registry.web.pages;

import org.datasharing.registry.core.register.PublicRegister;

/**
 * The words of the full text of an agreement's version in force (DSGA 2019 s.60(5)) as the public
 * record shows it: each clause under the editor's own question ({@link Questions}), and what is
 * withheld said in place, like a redaction. The page, the CSV and (through the field names) the
 * JSON use the same words.
 */
public final class FullTextWords {
  private FullTextWords() {}

  /** The question a clause answers, as the editor asks it; the withheld contact as a contact. */
  public static String question(PublicRegister.Clause c) {
    return c.field().equals("contact") ? "Contact person" : Questions.label(c.field());
  }

  /** The clause's answer, or "Withheld: ..." where the public record withholds it. */
  public static String answer(PublicRegister.Clause c) {
    return c.isWithheld() ? "Withheld: " + c.withheld() : c.value();
  }

  /**
   * One line: "Party: question: answer" (the party only for a party's clauses); line breaks within
   * an answer become " / ", so an answer cannot pass for a clause of its own.
   */
  public static String line(PublicRegister.Clause c) {
    return (c.party().isEmpty() ? "" : c.party() + ": ")
        + question(c)
        + ": "
        + answer(c).replaceAll("\\R+", " / ");
  }
}

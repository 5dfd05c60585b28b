package org.datasharing.registry.web.pages;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datasharing.registry.core.agreement.AgreementPolicy;
import org.datasharing.registry.core.agreement.Field;
import org.datasharing.registry.core.agreement.Field.PartyField;

/**
 * The agreement editor's questions: every {@link Field} of an agreement version, in the order of
 * the UK ICO data sharing checklist, grouped into sections, each with the words a partner sees.
 * Also the page anchor of each field, so an error summary can link a violation to its input.
 */
public final class Questions {
  private Questions() {}

  /** How a question is asked. */
  public enum Input {
    TEXT,
    TEXTAREA,
    LINES,
    YES_NO,
    DATE,
    CHECKBOXES,
    DATASETS,
    SELECT,
    EMAIL,
    /** One concept of the question's scheme, as radios. */
    RADIOS
  }

  /** One question: the field's API name, its input, its words and (for pick lists) its scheme. */
  public record Question(String name, Input input, String label, String hint, String scheme) {
    /** The id of the input an error links to (the first input of a group). */
    public String anchor() {
      return Questions.anchor(name);
    }
  }

  /**
   * A section of the agreement: one question page of the editor, at {@code
   * /agreements/{id}/edit/{slug}}. The parties' page has no agreement-level questions.
   */
  public record Section(String slug, String heading, List<Question> questions) {
    public boolean isParties() {
      return slug.equals(PARTIES);
    }

    /** Whether a violation's field is asked on this page. */
    public boolean asks(String field) {
      if (isParties()) {
        return field.equals("parties") || field.startsWith("parties[");
      }
      return questions.stream()
          .anyMatch(
              q ->
                  q.name().equals(field)
                      || (field.equals(DPIA_ASKED) && q.name().equals(Field.DPIA.apiName())));
    }

    /** Whether this page asks the DPIA yes/no question. */
    public boolean asksDpia() {
      return asks(DPIA_ASKED);
    }

    /** This page's questions in the reveal of a DPIA answer: {@code yes} or {@code no}. */
    public List<Question> dpia(String answer) {
      List<String> names = answer.equals("yes") ? DPIA_YES : DPIA_NO;
      return questions.stream().filter(q -> names.contains(q.name())).toList();
    }

    /** This page's questions asked on their own (not inside a reveal). */
    public List<Question> plain() {
      return questions.stream()
          .filter(q -> !q.name().equals(Field.TRANSFER_MECHANISM.apiName()))
          .filter(q -> !DPIA_YES.contains(q.name()) && !DPIA_NO.contains(q.name()))
          .toList();
    }
  }

  public static final String PARTIES = "parties";

  /** The sections of the agreement, in the order of the ICO checklist. */
  public static final List<Section> SECTIONS = ChecklistSections.SECTIONS;

  /**
   * The DPIA is asked as one yes/no question (not a field of the text: it is read from which
   * answers the text holds): yes reveals the assessment's questions, no the reason none is needed.
   */
  public static final String DPIA_ASKED = "dpiaCarriedOut";

  public static final String DPIA_QUESTION =
      "Has a data protection impact assessment (DPIA) been carried out?";

  /** The questions "yes, a DPIA was carried out" reveals. */
  public static final List<String> DPIA_YES =
      List.of(
          Field.DPIA.apiName(),
          Field.DPIA_DATE.apiName(),
          Field.DPIA_OUTCOME.apiName(),
          Field.DPIA_RESIDUAL_RISK.apiName(),
          Field.DPIA_SUMMARY.apiName());

  /** The question "no DPIA" reveals. */
  public static final List<String> DPIA_NO = List.of(Field.NO_DPIA.apiName());

  /** The editor's question pages in order: the sections, with the parties after the first. */
  public static final List<Section> STEPS =
      java.util.stream.Stream.of(
              SECTIONS.subList(0, 1),
              List.of(new Section(PARTIES, "The parties", List.of())),
              SECTIONS.subList(1, SECTIONS.size()))
          .flatMap(List::stream)
          .toList();

  public static Optional<Section> step(String slug) {
    return STEPS.stream().filter(s -> s.slug().equals(slug)).findFirst();
  }

  /** The page after this one, or empty after the last. */
  public static Optional<Section> next(Section step) {
    int i = STEPS.indexOf(step);
    return i + 1 < STEPS.size() ? Optional.of(STEPS.get(i + 1)) : Optional.empty();
  }

  /** The page that asks about a violation's field, if any. */
  public static Optional<Section> stepOf(String field) {
    return field == null ? Optional.empty() : STEPS.stream().filter(s -> s.asks(field)).findFirst();
  }

  /** The questions about each party. */
  public static final List<Question> PARTY =
      List.of(
          p(PartyField.ORGANISATION, Input.SELECT, "Organisation"),
          p(PartyField.ROLE, Input.SELECT, "Role"),
          p(PartyField.LAWFUL_BASIS, Input.SELECT, "Lawful basis (UK GDPR Article 6)"),
          p(
              PartyField.STATUTORY_POWER,
              Input.TEXT,
              "Legislation that gives the power or duty to share"),
          p(PartyField.CONTACT_NAME, Input.TEXT, "Contact name"),
          p(PartyField.CONTACT_EMAIL, Input.EMAIL, "Contact email address"),
          p(
              PartyField.SPECIAL_CONDITION,
              Input.SELECT,
              "Condition for special category data (Article 9(2))"),
          p(
              PartyField.SCHEDULE1_CONDITION,
              Input.SELECT,
              "Condition from DPA 2018 Schedule 1 for special category data (with Article 9(2)(b),"
                  + " (g), (h), (i) or (j))"),
          p(
              PartyField.CRIMINAL_CONDITION,
              Input.SELECT,
              "Condition for criminal offence data (DPA 2018 Schedule 1)"),
          p(
              PartyField.PROCESSOR_TERMS,
              Input.TEXT,
              "Processor contract meeting UK GDPR Article 28(3) (processors only)"),
          p(
              PartyField.CONFIDENTIALITY_BASIS,
              Input.SELECT,
              "Basis under the common law duty of confidentiality (health and care parties"
                  + " disclosing health data)"),
          p(
              PartyField.NATIONAL_DATA_OPT_OUT,
              Input.YES_NO,
              "Does the national data opt-out apply to what the party discloses?"),
          p(
              PartyField.NATIONAL_DATA_OPT_OUT_REASON,
              Input.TEXT,
              "Why the national data opt-out does or does not apply"));

  /**
   * The questions a party answers for itself, on its own page ({@code parties/{n}}): every party
   * question but who it is and its role ({@link AgreementPolicy#OWN_ANSWERS}).
   */
  public static final List<Question> PARTY_ANSWERS =
      PARTY.stream()
          .filter(
              q ->
                  Field.PartyField.byApiName(q.name())
                      .map(AgreementPolicy.OWN_ANSWERS::contains)
                      .orElse(false))
          .toList();

  /** The party's own page: {@code parties/2} for {@code parties[1].lawfulBasis}, else empty. */
  public static Optional<String> partyPage(String field) {
    Matcher m = field == null ? null : PARTY_FIELD.matcher(field);
    if (m == null || !m.matches()) {
      return Optional.empty();
    }
    return Optional.of(PARTIES + "/" + (Integer.parseInt(m.group(1)) + 1));
  }

  /** The page that fixes a violation's field: a party's own page, or the section's page. */
  public static Optional<String> pageOf(String field) {
    Optional<String> party = partyPage(field);
    if (party.isPresent() && !field.endsWith(".organisation") && !field.endsWith(".role")) {
      return party;
    }
    return stepOf(field).map(Section::slug);
  }

  /** The party index of a party field ({@code parties[1].x} is 1), or -1. */
  public static int partyIndex(String field) {
    Matcher m = field == null ? null : PARTY_FIELD.matcher(field);
    return m != null && m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** Party roles: the core's codes and their words. */
  public static final Map<String, String> ROLES = new LinkedHashMap<>();

  static {
    ROLES.put("controller", "Controller");
    ROLES.put("joint-controller", "Joint controller");
    ROLES.put("processor", "Processor");
    ROLES.put("recipient", "Recipient");
  }

  private static Question p(PartyField f, Input input, String label) {
    return new Question(f.apiName(), input, label, null, f.scheme());
  }

  public static Optional<Question> question(String name) {
    return SECTIONS.stream()
        .flatMap(s -> s.questions().stream())
        .filter(q -> q.name().equals(name))
        .findFirst();
  }

  /** The words for a field (agreement or party field), or the name itself. */
  public static String label(String name) {
    if (name.equals(DPIA_ASKED)) {
      return DPIA_QUESTION;
    }
    return question(name)
        .or(() -> PARTY.stream().filter(q -> q.name().equals(name)).findFirst())
        .map(Question::label)
        .orElse(name);
  }

  private static final Pattern PARTY_FIELD = Pattern.compile("parties\\[(\\d{1,3})]\\.(\\w+)");

  /**
   * The id of the input a violation's field links to: {@code sanctions} to {@code sanctions},
   * {@code parties[0].lawfulBasis} to {@code parties-0-lawfulBasis}, a date to its day input.
   */
  public static String anchor(String field) {
    if (field == null) {
      return "agreement-form";
    }
    Matcher m = PARTY_FIELD.matcher(field);
    if (m.matches()) {
      return partyId(Integer.parseInt(m.group(1)), m.group(2));
    }
    if (field.equals("parties")) {
      return partyId(0, "organisation");
    }
    if (field.equals(DPIA_ASKED)) {
      return DPIA_ASKED; // its "yes" radio
    }
    return question(field)
        .map(q -> q.input() == Input.DATE ? q.name() + "-day" : q.name())
        .orElse("agreement-form");
  }

  public static String partyId(int index, String field) {
    return "parties-" + index + "-" + field;
  }

  public static String partyName(int index, String field) {
    return "parties[" + index + "]." + field;
  }

  /** Every field the editor asks about (for the coverage test). */
  public static List<String> names() {
    return SECTIONS.stream().flatMap(s -> s.questions().stream()).map(Question::name).toList();
  }

  public static boolean covers(Field f) {
    return names().contains(f.apiName());
  }

  public static boolean coversAll() {
    return Arrays.stream(Field.values()).allMatch(Questions::covers);
  }
}

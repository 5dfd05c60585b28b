package org.datasharing.registry.web.ui;

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
final class Questions {
  private Questions() {}

  /** How a question is asked. */
  enum Input {
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
  record Question(String name, Input input, String label, String hint, String scheme) {
    /** The id of the input an error links to (the first input of a group). */
    public String anchor() {
      return Questions.anchor(name);
    }
  }

  /**
   * A section of the agreement: one question page of the editor, at {@code
   * /agreements/{id}/edit/{slug}}. The parties' page has no agreement-level questions.
   */
  record Section(String slug, String heading, List<Question> questions) {
    public boolean isParties() {
      return slug.equals(PARTIES);
    }

    /** Whether a violation's field is asked on this page. */
    boolean asks(String field) {
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

  static final String PARTIES = "parties";

  private static Question q(Field f, Input input, String label, String hint) {
    return new Question(f.apiName(), input, label, hint, f.scheme());
  }

  static final List<Section> SECTIONS =
      List.of(
          new Section(
              "about",
              "About the sharing",
              List.of(
                  q(Field.TITLE, Input.TEXT, "Title", "Say what the sharing is for"),
                  q(Field.PURPOSES, Input.CHECKBOXES, "Purposes", "Select all that apply"),
                  q(
                      Field.PURPOSE_DESCRIPTION,
                      Input.TEXTAREA,
                      "Describe the purpose",
                      "The specific purpose, in plain words"),
                  q(
                      Field.BENEFITS,
                      Input.TEXTAREA,
                      "Expected benefits",
                      "To individuals or to society"),
                  q(
                      Field.SUCCESS,
                      Input.TEXTAREA,
                      "How you will judge success",
                      "For example, a measure and a target"))),
          new Section(
              "data",
              "The data",
              List.of(
                  q(Field.DATASETS, Input.DATASETS, "Datasets shared", "Published by the parties"),
                  q(
                      Field.DATA_ITEMS,
                      Input.LINES,
                      "Data items",
                      "One data item on each line, named as the shared datasets list them"),
                  q(
                      Field.MINIMISATION,
                      Input.TEXTAREA,
                      "Why each data item is necessary",
                      "And why sharing less would not achieve the purpose"),
                  q(
                      Field.DEIDENTIFICATION,
                      Input.RADIOS,
                      "Does the shared data identify people?",
                      "Pseudonymised data is still personal data; anonymised data no longer is"),
                  q(
                      Field.PERSONAL_DATA_CATEGORIES,
                      Input.CHECKBOXES,
                      "Categories of personal data",
                      "Select all that apply"),
                  q(
                      Field.DATA_SUBJECT_CATEGORIES,
                      Input.CHECKBOXES,
                      "Who the data is about",
                      "Select all that apply"),
                  q(
                      Field.SPECIAL_CATEGORY,
                      Input.YES_NO,
                      "Does the sharing include special category data?",
                      "For example health or ethnicity (UK GDPR Article 9)"),
                  q(
                      Field.CRIMINAL_OFFENCE,
                      Input.YES_NO,
                      "Does the sharing include criminal offence data?",
                      "UK GDPR Article 10"))),
          new Section(
              "joint-controllers",
              "Joint controllers",
              List.of(
                  q(
                      Field.JOINT_CONTROLLERS,
                      Input.TEXTAREA,
                      "How joint controllers share their responsibilities",
                      "Only if a party is a joint controller (UK GDPR Article 26)"))),
          new Section(
              "protection",
              "How the data is shared and protected",
              List.of(
                  q(
                      Field.ACCESS,
                      Input.TEXTAREA,
                      "Who can access the data",
                      "When, and with what controls"),
                  q(
                      Field.SHARING_METHOD,
                      Input.TEXTAREA,
                      "How the data is transferred",
                      "For example, secure file transfer"),
                  q(
                      Field.SECURITY,
                      Input.TEXTAREA,
                      "Security measures",
                      "Including how a breach is reported and handled"),
                  q(
                      Field.REQUIRED_ASSURANCE,
                      Input.CHECKBOXES,
                      "Assurance each party must hold",
                      "Select all that apply"),
                  q(Field.FORMATS, Input.TEXTAREA, "Common data formats and standards", null),
                  q(
                      Field.ACCURACY,
                      Input.TEXTAREA,
                      "Keeping the data accurate",
                      "How the parties tell each other about corrections"),
                  q(
                      Field.ONWARD_DISCLOSURE,
                      Input.TEXTAREA,
                      "Disclosing the data to anyone who is not a party",
                      "Whether a recipient may pass the data on, to whom and on what terms"),
                  q(
                      Field.INTERNATIONAL_TRANSFER,
                      Input.RADIOS,
                      "Is the data transferred outside the UK?",
                      "Including access from outside the UK by a processor (UK GDPR Chapter V)"),
                  q(
                      Field.TRANSFER_MECHANISM,
                      Input.RADIOS,
                      "Transfer mechanism",
                      "Only for a transfer under appropriate safeguards (UK GDPR Article 46)"),
                  q(
                      Field.TRANSFER_DESTINATIONS,
                      Input.CHECKBOXES,
                      "Countries the data goes to",
                      "Only if the data is transferred outside the UK: each country or territory"
                          + " it goes to, which privacy notices must name"))),
          new Section(
              "rights",
              "Individuals and their rights",
              List.of(
                  q(
                      Field.RIGHTS,
                      Input.TEXTAREA,
                      "Handling requests from individuals",
                      "Subject access requests, objections and other rights"),
                  q(
                      Field.CONTACT_POINT,
                      Input.TEXT,
                      "Single point of contact",
                      "For individuals and the other parties; published, so give a team or role"
                          + " mailbox, not a person's own details"),
                  q(
                      Field.TRANSPARENCY,
                      Input.TEXTAREA,
                      "How people are told about the sharing",
                      "For example, each party's privacy notice"))),
          new Section(
              "retention",
              "Keeping and deleting the data",
              List.of(
                  q(
                      Field.RETENTION,
                      Input.TEXT,
                      "How long the data is kept",
                      "For example, 2 years after the case closes"),
                  q(
                      Field.RETENTION_DURATION,
                      Input.TEXT,
                      "How long the data is kept, as a period (optional)",
                      "An ISO 8601 duration: for example P7Y for 7 years or P18M for 18 months"),
                  q(
                      Field.DELETION,
                      Input.TEXTAREA,
                      "Deleting or returning the data",
                      "When it is no longer needed"))),
          new Section(
              "impact",
              "Impact assessment and sign-off",
              List.of(
                  q(
                      Field.DPIA,
                      Input.TEXT,
                      "Reference of the impact assessment",
                      "For example, DPIA-2026-014"),
                  q(
                      Field.DPIA_DATE,
                      Input.DATE,
                      "Date of the impact assessment",
                      "When it was completed, for example 1 10 2026"),
                  q(Field.DPIA_OUTCOME, Input.RADIOS, "Outcome of the impact assessment", null),
                  q(
                      Field.DPIA_RESIDUAL_RISK,
                      Input.RADIOS,
                      "Risk that remains after the assessment's measures (optional)",
                      "If it is high, the ICO must be consulted (UK GDPR Article 36)"),
                  q(
                      Field.DPIA_SUMMARY,
                      Input.TEXTAREA,
                      "Summary of the assessment for publication (optional)",
                      "Shown on the public register while the agreement is in force"),
                  q(
                      Field.NO_DPIA,
                      Input.TEXTAREA,
                      "Why no impact assessment is needed",
                      "For example, why the sharing is not likely to result in a high risk"),
                  q(
                      Field.SIGN_OFF,
                      Input.TEXT,
                      "Senior officers who sign off the sharing",
                      "For example, the Senior Information Risk Owner or Caldicott Guardian"))),
          new Section(
              "dates",
              "Dates and ending the agreement",
              List.of(
                  q(Field.START, Input.DATE, "Start date", "For example, 1 4 2027"),
                  q(Field.REVIEW, Input.DATE, "Review date", "After the start date"),
                  q(Field.END, Input.DATE, "End date (optional)", "Leave empty for no fixed end"),
                  q(
                      Field.TERMINATION,
                      Input.TEXTAREA,
                      "Leaving or ending the agreement",
                      "And what then happens to the shared data"),
                  q(
                      Field.SANCTIONS,
                      Input.TEXTAREA,
                      "If a party does not comply",
                      "What will happen if a party or its staff fail to comply"))));

  /**
   * The DPIA is asked as one yes/no question (not a field of the text: it is read from which
   * answers the text holds): yes reveals the assessment's questions, no the reason none is needed.
   */
  static final String DPIA_ASKED = "dpiaCarriedOut";

  static final String DPIA_QUESTION =
      "Has a data protection impact assessment (DPIA) been carried out?";

  /** The questions "yes, a DPIA was carried out" reveals. */
  static final List<String> DPIA_YES =
      List.of(
          Field.DPIA.apiName(),
          Field.DPIA_DATE.apiName(),
          Field.DPIA_OUTCOME.apiName(),
          Field.DPIA_RESIDUAL_RISK.apiName(),
          Field.DPIA_SUMMARY.apiName());

  /** The question "no DPIA" reveals. */
  static final List<String> DPIA_NO = List.of(Field.NO_DPIA.apiName());

  /** The editor's question pages in order: the sections, with the parties after the first. */
  static final List<Section> STEPS =
      java.util.stream.Stream.of(
              SECTIONS.subList(0, 1),
              List.of(new Section(PARTIES, "The parties", List.of())),
              SECTIONS.subList(1, SECTIONS.size()))
          .flatMap(List::stream)
          .toList();

  static Optional<Section> step(String slug) {
    return STEPS.stream().filter(s -> s.slug().equals(slug)).findFirst();
  }

  /** The page after this one, or empty after the last. */
  static Optional<Section> next(Section step) {
    int i = STEPS.indexOf(step);
    return i + 1 < STEPS.size() ? Optional.of(STEPS.get(i + 1)) : Optional.empty();
  }

  /** The page that asks about a violation's field, if any. */
  static Optional<Section> stepOf(String field) {
    return field == null ? Optional.empty() : STEPS.stream().filter(s -> s.asks(field)).findFirst();
  }

  /** The questions about each party. */
  static final List<Question> PARTY =
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
  static final List<Question> PARTY_ANSWERS =
      PARTY.stream()
          .filter(
              q ->
                  Field.PartyField.byApiName(q.name())
                      .map(AgreementPolicy.OWN_ANSWERS::contains)
                      .orElse(false))
          .toList();

  /** The party's own page: {@code parties/2} for {@code parties[1].lawfulBasis}, else empty. */
  static Optional<String> partyPage(String field) {
    Matcher m = field == null ? null : PARTY_FIELD.matcher(field);
    if (m == null || !m.matches()) {
      return Optional.empty();
    }
    return Optional.of(PARTIES + "/" + (Integer.parseInt(m.group(1)) + 1));
  }

  /** The page that fixes a violation's field: a party's own page, or the section's page. */
  static Optional<String> pageOf(String field) {
    Optional<String> party = partyPage(field);
    if (party.isPresent() && !field.endsWith(".organisation") && !field.endsWith(".role")) {
      return party;
    }
    return stepOf(field).map(Section::slug);
  }

  /** The party index of a party field ({@code parties[1].x} is 1), or -1. */
  static int partyIndex(String field) {
    Matcher m = field == null ? null : PARTY_FIELD.matcher(field);
    return m != null && m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** Party roles: the core's codes and their words. */
  static final Map<String, String> ROLES = new LinkedHashMap<>();

  static {
    ROLES.put("controller", "Controller");
    ROLES.put("joint-controller", "Joint controller");
    ROLES.put("processor", "Processor");
    ROLES.put("recipient", "Recipient");
  }

  private static Question p(PartyField f, Input input, String label) {
    return new Question(f.apiName(), input, label, null, f.scheme());
  }

  static Optional<Question> question(String name) {
    return SECTIONS.stream()
        .flatMap(s -> s.questions().stream())
        .filter(q -> q.name().equals(name))
        .findFirst();
  }

  /** The words for a field (agreement or party field), or the name itself. */
  static String label(String name) {
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
  static String anchor(String field) {
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

  static String partyId(int index, String field) {
    return "parties-" + index + "-" + field;
  }

  static String partyName(int index, String field) {
    return "parties[" + index + "]." + field;
  }

  /** Every field the editor asks about (for the coverage test). */
  static List<String> names() {
    return SECTIONS.stream().flatMap(s -> s.questions().stream()).map(Question::name).toList();
  }

  static boolean covers(Field f) {
    return names().contains(f.apiName());
  }

  static boolean coversAll() {
    return Arrays.stream(Field.values()).allMatch(Questions::covers);
  }
}

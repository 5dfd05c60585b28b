package org.datasharing.registry.web.pages;

import java.util.List;
import org.datasharing.registry.core.agreement.Field;
import org.datasharing.registry.web.pages.Questions.Input;
import org.datasharing.registry.web.pages.Questions.Question;
import org.datasharing.registry.web.pages.Questions.Section;

/**
 * The words of the agreement editor's sections ({@link Questions#SECTIONS}): every {@link Field} of
 * an agreement version, in the order of the UK ICO data sharing checklist, each with the label and
 * hint a partner sees.
 */
final class ChecklistSections {
  private ChecklistSections() {}

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
}

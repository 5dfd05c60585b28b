package org.datasharing.registry.core.agreement;

import java.util.Arrays;
import java.util.Optional;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.vocabulary.DCTerms;
import org.datasharing.registry.ontology.vocab.DPV;
import org.datasharing.registry.ontology.vocab.DSR;

/**
 * The fields of an agreement version as the API names them, each with its RDF property and kind.
 * One table drives the mapping both ways, the reference checks and the diff.
 */
public enum Field {
  TITLE("title", DCTerms.title, Kind.TEXT, null),
  PURPOSES("purposes", DPV.hasPurpose, Kind.REF_LIST, "purpose"),
  PURPOSE_DESCRIPTION("purposeDescription", DSR.purposeDescription, Kind.TEXT, null),
  BENEFITS("benefits", DSR.benefits, Kind.TEXT, null),
  DATASETS("datasets", DSR.sharesDataset, Kind.DATASET_LIST, null),
  DATA_ITEMS("dataItems", DSR.dataItem, Kind.TEXT_LIST, null),
  MINIMISATION("minimisationJustification", DSR.minimisationJustification, Kind.TEXT, null),
  PERSONAL_DATA_CATEGORIES(
      "personalDataCategories", DSR.personalDataCategory, Kind.REF_LIST, "data-category"),
  DATA_SUBJECT_CATEGORIES(
      "dataSubjectCategories", DSR.dataSubjectCategory, Kind.REF_LIST, "data-subject"),
  SPECIAL_CATEGORY("specialCategoryData", DSR.specialCategoryData, Kind.BOOLEAN, null),
  CRIMINAL_OFFENCE("criminalOffenceData", DSR.criminalOffenceData, Kind.BOOLEAN, null),
  JOINT_CONTROLLERS("jointControllerArrangement", DSR.jointControllerArrangement, Kind.TEXT, null),
  ACCESS("accessArrangements", DSR.accessArrangements, Kind.TEXT, null),
  SHARING_METHOD("sharingMethod", DSR.sharingMethod, Kind.TEXT, null),
  RIGHTS("dataSubjectRightsProcedure", DSR.dataSubjectRightsProcedure, Kind.TEXT, null),
  CONTACT_POINT("singlePointOfContact", DSR.singlePointOfContact, Kind.TEXT, null),
  TRANSPARENCY("transparencyArrangements", DSR.transparencyArrangements, Kind.TEXT, null),
  SECURITY("securityMeasures", DSR.securityMeasures, Kind.TEXT, null),
  REQUIRED_ASSURANCE("requiredAssurance", DSR.requiredAssurance, Kind.REF_LIST, "assurance-scheme"),
  ACCURACY("accuracyArrangements", DSR.accuracyArrangements, Kind.TEXT, null),
  FORMATS("commonFormats", DSR.commonFormats, Kind.TEXT, null),
  RETENTION("retentionPeriod", DSR.retentionPeriod, Kind.TEXT, null),
  DELETION("deletionArrangements", DSR.deletionArrangements, Kind.TEXT, null),
  DPIA("dpiaReference", DSR.dpiaReference, Kind.TEXT, null),
  NO_DPIA("noDpiaReason", DSR.noDpiaReason, Kind.TEXT, null),
  START("startDate", DSR.startDate, Kind.DATE, null),
  REVIEW("reviewDate", DSR.reviewDate, Kind.DATE, null),
  END("endDate", DSR.endDate, Kind.DATE, null),
  TERMINATION("terminationArrangements", DSR.terminationArrangements, Kind.TEXT, null),
  SANCTIONS("sanctions", DSR.sanctions, Kind.TEXT, null),
  SIGN_OFF("seniorSignOff", DSR.seniorSignOff, Kind.TEXT, null),
  SUCCESS("successMeasures", DSR.successMeasures, Kind.TEXT, null),
  ONWARD_DISCLOSURE("onwardDisclosure", DSR.onwardDisclosure, Kind.TEXT, null),
  RETENTION_DURATION("retentionDuration", DSR.retentionDuration, Kind.DURATION, null),
  DPIA_DATE("dpiaDate", DSR.dpiaDate, Kind.DATE, null),
  DPIA_OUTCOME("dpiaOutcome", DSR.dpiaOutcome, Kind.REF, "dpia-outcome"),
  DPIA_RESIDUAL_RISK("dpiaResidualRisk", DSR.dpiaResidualRisk, Kind.REF, "risk-level"),
  DPIA_SUMMARY("dpiaSummary", DSR.dpiaSummary, Kind.TEXT, null),
  INTERNATIONAL_TRANSFER(
      "internationalTransfer", DSR.internationalTransfer, Kind.REF, "international-transfer"),
  TRANSFER_MECHANISM("transferMechanism", DSR.transferMechanism, Kind.REF, "transfer-mechanism"),
  TRANSFER_DESTINATIONS("transferDestinations", DSR.transferDestination, Kind.REF_LIST, "country"),
  DEIDENTIFICATION("deidentification", DSR.deidentification, Kind.REF, "deidentification");

  /**
   * The fields the public sees of an agreement in force (the register, its JSON and CSV, linked
   * data and the public agreement page): every clause of the version in force, because Ireland's
   * Data Sharing and Governance Act 2019 (s.60(5)) publishes the agreement's full text, beside what
   * the Digital Economy Act register and the DSGA (s.19, s.32) summarise. Only two things are
   * withheld, each said in place where it is withheld: a named person's contact details ({@link
   * PartyField#PUBLIC}) and a dataset that is not published in the catalogue ({@link #DATASETS},
   * filtered value by value by {@code catalog.DatasetVisibility}).
   */
  public static final java.util.Set<Field> PUBLIC =
      java.util.Collections.unmodifiableSet(java.util.EnumSet.allOf(Field.class));

  /** What the public record says in place of a dataset that is not published in the catalogue. */
  public static final String WITHHELD_DATASET = "a dataset that is not published in the catalogue";

  /** What the public record says in place of a named person's contact details. */
  public static final String WITHHELD_CONTACT = "personal contact details of a named person";

  /** How a field's value is written. */
  public enum Kind {
    TEXT,
    TEXT_LIST,
    BOOLEAN,
    DATE,
    /** An ISO 8601 duration (xsd:duration), such as P7Y. */
    DURATION,
    REF,
    REF_LIST,
    DATASET_LIST,
    ORGANISATION,
    ROLE
  }

  private final String apiName;
  private final Property property;
  private final Kind kind;
  private final String scheme;

  Field(String apiName, Property property, Kind kind, String scheme) {
    this.apiName = apiName;
    this.property = property;
    this.kind = kind;
    this.scheme = scheme;
  }

  public String apiName() {
    return apiName;
  }

  public Property property() {
    return property;
  }

  public Kind kind() {
    return kind;
  }

  /** The SKOS scheme (local name under dsrref:) its values come from, for reference fields. */
  public String scheme() {
    return scheme;
  }

  public static Optional<Field> byApiName(String name) {
    return Arrays.stream(values()).filter(f -> f.apiName.equals(name)).findFirst();
  }

  /** The fields of one party. */
  public enum PartyField {
    ORGANISATION("organisation", DSR.organisation, Kind.ORGANISATION, null),
    ROLE("role", DSR.partyRole, Kind.ROLE, null),
    LAWFUL_BASIS("lawfulBasis", DSR.lawfulBasis, Kind.REF, "lawful-basis"),
    STATUTORY_POWER("statutoryPower", DSR.statutoryPower, Kind.TEXT, null),
    CONTACT_NAME("contactName", DSR.contactName, Kind.TEXT, null),
    CONTACT_EMAIL("contactEmail", DSR.contactEmail, Kind.TEXT, null),
    SPECIAL_CONDITION(
        "specialCategoryCondition",
        DSR.specialCategoryCondition,
        Kind.REF,
        "special-category-condition"),
    SCHEDULE1_CONDITION("schedule1Condition", DSR.schedule1Condition, Kind.REF, "dpa-schedule-1"),
    CRIMINAL_CONDITION(
        "criminalOffenceCondition", DSR.criminalOffenceCondition, Kind.REF, "dpa-schedule-1"),
    PROCESSOR_TERMS("processorTerms", DSR.processorTerms, Kind.TEXT, null),
    CONFIDENTIALITY_BASIS(
        "confidentialityBasis", DSR.confidentialityBasis, Kind.REF, "confidentiality-basis"),
    NATIONAL_DATA_OPT_OUT("nationalDataOptOut", DSR.nationalDataOptOut, Kind.BOOLEAN, null),
    NATIONAL_DATA_OPT_OUT_REASON(
        "nationalDataOptOutReason", DSR.nationalDataOptOutReason, Kind.TEXT, null);

    /**
     * What the public sees of each party: every clause but the named contact's name and e-mail
     * ({@link Field#WITHHELD_CONTACT}); how people reach the sharing is the agreement's single
     * point of contact and each party's DPO mailbox, role addresses rather than a person's.
     */
    public static final java.util.Set<PartyField> PUBLIC =
        java.util.Collections.unmodifiableSet(
            java.util.EnumSet.complementOf(java.util.EnumSet.of(CONTACT_NAME, CONTACT_EMAIL)));

    private final String apiName;
    private final Property property;
    private final Kind kind;
    private final String scheme;

    PartyField(String apiName, Property property, Kind kind, String scheme) {
      this.apiName = apiName;
      this.property = property;
      this.kind = kind;
      this.scheme = scheme;
    }

    public String apiName() {
      return apiName;
    }

    public Property property() {
      return property;
    }

    public Kind kind() {
      return kind;
    }

    public String scheme() {
      return scheme;
    }

    public static Optional<PartyField> byApiName(String name) {
      return Arrays.stream(values()).filter(f -> f.apiName.equals(name)).findFirst();
    }
  }
}

package org.datasharing.registry.ontology.vocab;

import java.util.List;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * The registry's SKOS reference schemes (prefix {@code dsrref:}), defined under {@code reference/}:
 * {@code NS + scheme} is a {@code skos:ConceptScheme}, {@code NS + scheme + "/" + code} one of its
 * concepts. A concept's code is the last segment of its IRI.
 *
 * <p>Only the concepts the code refers to have constants; the others are data.
 */
public final class DSRREF {
  /** The namespace of the reference schemes as a string. */
  public static final String NS = "https://w3id.org/dsr/ref/";

  /** The code of every scheme, in the order of {@code reference/index.txt}. */
  public static final List<String> SCHEMES =
      List.of(
          Sector.ID,
          OrganisationType.ID,
          LawfulBasis.ID,
          SpecialCategoryCondition.ID,
          DpaSchedule1.ID,
          Purpose.ID,
          DataCategory.ID,
          DataSubject.ID,
          AssuranceScheme.ID,
          Theme.ID,
          SharingCondition.ID,
          ConfidentialityBasis.ID,
          DpiaOutcome.ID,
          RiskLevel.ID,
          InternationalTransfer.ID,
          TransferMechanism.ID,
          Country.ID,
          Deidentification.ID);

  private DSRREF() {}

  /** The namespace of the reference schemes as a string. */
  public static String getURI() {
    return NS;
  }

  /** The IRI of a concept of a scheme. */
  public static String concept(String scheme, String code) {
    return NS + scheme + "/" + code;
  }

  /** The IRI of a scheme. */
  public static String scheme(String scheme) {
    return NS + scheme;
  }

  /** The code of a concept IRI of any scheme: its last path segment. */
  public static String code(String conceptIri) {
    return conceptIri.substring(conceptIri.lastIndexOf('/') + 1);
  }

  private static Resource schemeResource(String scheme) {
    return ResourceFactory.createResource(scheme(scheme));
  }

  private static Resource conceptResource(String scheme, String code) {
    return ResourceFactory.createResource(concept(scheme, code));
  }

  /** Public service sectors ({@code dsr:sector}). */
  public static final class Sector {
    public static final String ID = "sector";
    public static final Resource SCHEME = schemeResource(ID);

    private Sector() {}
  }

  /** Organisation types ({@code org:classification}). */
  public static final class OrganisationType {
    public static final String ID = "organisation-type";
    public static final Resource SCHEME = schemeResource(ID);

    private OrganisationType() {}
  }

  /** Lawful bases under UK GDPR Article 6 ({@code dsr:lawfulBasis}). */
  public static final class LawfulBasis {
    public static final String ID = "lawful-basis";
    public static final Resource SCHEME = schemeResource(ID);
    public static final Resource Consent = conceptResource(ID, "consent");
    public static final Resource Contract = conceptResource(ID, "contract");
    public static final Resource LegalObligation = conceptResource(ID, "legal-obligation");
    public static final Resource VitalInterests = conceptResource(ID, "vital-interests");

    /** Public task: a party relying on it must name its statutory power. */
    public static final Resource PublicTask = conceptResource(ID, "public-task");

    public static final Resource LegitimateInterests = conceptResource(ID, "legitimate-interests");

    private LawfulBasis() {}
  }

  /**
   * Conditions for special category data, UK GDPR Article 9(2) ({@code
   * dsr:specialCategoryCondition}).
   */
  public static final class SpecialCategoryCondition {
    public static final String ID = "special-category-condition";
    public static final Resource SCHEME = schemeResource(ID);

    private SpecialCategoryCondition() {}
  }

  /** Data Protection Act 2018 Schedule 1 conditions ({@code dsr:criminalOffenceCondition}). */
  public static final class DpaSchedule1 {
    public static final String ID = "dpa-schedule-1";
    public static final Resource SCHEME = schemeResource(ID);

    private DpaSchedule1() {}
  }

  /** Purposes of sharing ({@code dpv:hasPurpose}). */
  public static final class Purpose {
    public static final String ID = "purpose";
    public static final Resource SCHEME = schemeResource(ID);

    private Purpose() {}
  }

  /**
   * Personal data categories ({@code dsr:personalDataCategory}); the special category ones carry
   * {@code dsr:specialCategory true}.
   */
  public static final class DataCategory {
    public static final String ID = "data-category";
    public static final Resource SCHEME = schemeResource(ID);

    /** Criminal offence data (UK GDPR Article 10). */
    public static final Resource CriminalOffence = conceptResource(ID, "criminal-offence");

    private DataCategory() {}
  }

  /** Data subject categories ({@code dsr:dataSubjectCategory}). */
  public static final class DataSubject {
    public static final String ID = "data-subject";
    public static final Resource SCHEME = schemeResource(ID);

    private DataSubject() {}
  }

  /** Assurance schemes ({@code dsr:assuranceScheme}, {@code dsr:requiredAssurance}). */
  public static final class AssuranceScheme {
    public static final String ID = "assurance-scheme";
    public static final Resource SCHEME = schemeResource(ID);
    public static final Resource Dspt = conceptResource(ID, "dspt");
    public static final Resource CyberEssentials = conceptResource(ID, "cyber-essentials");
    public static final Resource CyberEssentialsPlus = conceptResource(ID, "cyber-essentials-plus");
    public static final Resource Iso27001 = conceptResource(ID, "iso-27001");

    private AssuranceScheme() {}
  }

  /** Catalogue themes ({@code dcat:theme}). */
  public static final class Theme {
    public static final String ID = "theme";
    public static final Resource SCHEME = schemeResource(ID);

    private Theme() {}
  }

  /** The conditions on which a publisher shares a dataset ({@code dsr:sharingCondition}). */
  public static final class SharingCondition {
    public static final String ID = "sharing-condition";
    public static final Resource SCHEME = schemeResource(ID);
    public static final Resource Open = conceptResource(ID, "open");
    public static final Resource AggregateOnly = conceptResource(ID, "aggregate-only");
    public static final Resource Pseudonymised = conceptResource(ID, "pseudonymised");
    public static final Resource NamedIndividualsUnderAgreement =
        conceptResource(ID, "named-individuals-under-agreement");
    public static final Resource RestrictedStatutory = conceptResource(ID, "restricted-statutory");

    private SharingCondition() {}
  }

  /** Common law duty of confidentiality bases ({@code dsr:confidentialityBasis}). */
  public static final class ConfidentialityBasis {
    public static final String ID = "confidentiality-basis";
    public static final Resource SCHEME = schemeResource(ID);

    private ConfidentialityBasis() {}
  }

  /** Outcomes of a data protection impact assessment ({@code dsr:dpiaOutcome}). */
  public static final class DpiaOutcome {
    public static final String ID = "dpia-outcome";
    public static final Resource SCHEME = schemeResource(ID);

    private DpiaOutcome() {}
  }

  /** Residual risk levels ({@code dsr:dpiaResidualRisk}). */
  public static final class RiskLevel {
    public static final String ID = "risk-level";
    public static final Resource SCHEME = schemeResource(ID);

    private RiskLevel() {}
  }

  /** Bases for transfers outside the UK ({@code dsr:internationalTransfer}). */
  public static final class InternationalTransfer {
    public static final String ID = "international-transfer";
    public static final Resource SCHEME = schemeResource(ID);

    private InternationalTransfer() {}
  }

  /** Appropriate safeguards for transfers outside the UK ({@code dsr:transferMechanism}). */
  public static final class TransferMechanism {
    public static final String ID = "transfer-mechanism";
    public static final Resource SCHEME = schemeResource(ID);

    private TransferMechanism() {}
  }

  /** Countries and territories by ISO 3166-1 alpha-2 code ({@code dsr:transferDestination}). */
  public static final class Country {
    public static final String ID = "country";
    public static final Resource SCHEME = schemeResource(ID);

    private Country() {}
  }

  /**
   * Whether shared data identifies people, is pseudonymised or anonymised ({@code
   * dsr:deidentification}).
   */
  public static final class Deidentification {
    public static final String ID = "deidentification";
    public static final Resource SCHEME = schemeResource(ID);

    private Deidentification() {}
  }
}

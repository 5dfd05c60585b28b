package org.datasharing.registry.ontology.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * The Data Sharing Registry vocabulary (prefix {@code dsr:}), defined in {@code
 * ontology/registry.ttl}, in the style of Jena's vocabulary classes such as {@link
 * org.apache.jena.vocabulary.DCAT}. Every term of the ontology has a constant here, and every
 * constant a term there (checked by {@code DsrVocabularyTest}).
 */
public final class DSR {
  /** The namespace of the vocabulary as a string. */
  public static final String NS = "https://w3id.org/dsr#";

  /** The namespace of the vocabulary as a resource. */
  public static final Resource NAMESPACE = ResourceFactory.createResource(NS);

  private DSR() {}

  /** The namespace of the vocabulary as a string. */
  public static String getURI() {
    return NS;
  }

  private static Resource resource(String local) {
    return ResourceFactory.createResource(NS + local);
  }

  private static Property property(String local) {
    return ResourceFactory.createProperty(NS, local);
  }

  // Classes

  /**
   * A multi-party agreement to share personal data. Its mutable state (status, current version)
   * lives on this resource; its terms live in immutable agreement versions.
   */
  public static final Resource DataSharingAgreement = resource("DataSharingAgreement");

  /**
   * One version of the terms of a data sharing agreement. Immutable once submitted; an amendment
   * creates a new version that is a revision of the previous one.
   */
  public static final Resource AgreementVersion = resource("AgreementVersion");

  /**
   * An organisation's participation in one agreement version: its role, contact and lawful basis.
   */
  public static final Resource Party = resource("Party");

  /** The data protection role an organisation plays in a data sharing agreement. */
  public static final Resource PartyRole = resource("PartyRole");

  /** A stage in the lifecycle of a data sharing agreement. */
  public static final Resource AgreementStatus = resource("AgreementStatus");

  /**
   * A data protection officer's decision, on behalf of their organisation, on one exact agreement
   * version.
   */
  public static final Resource Decision = resource("Decision");

  /**
   * A senior officer's sign-off, on behalf of their organisation, of its data protection officer's
   * approval of one exact agreement version.
   */
  public static final Resource OrganisationSignOff = resource("OrganisationSignOff");

  /** What a data protection officer decided about an agreement version. */
  public static final Resource DecisionOutcome = resource("DecisionOutcome");

  /**
   * A data protection officer's decision, on behalf of their organisation, at the review of an
   * agreement in force: continue, amend or end it.
   */
  public static final Resource ReviewDecision = resource("ReviewDecision");

  /** What a data protection officer decided at the review of an agreement. */
  public static final Resource ReviewOutcome = resource("ReviewOutcome");

  /**
   * A data protection officer's notice, on behalf of their organisation, that it leaves an
   * agreement in force while the other parties continue on a new version without it.
   */
  public static final Resource Leaving = resource("Leaving");

  /**
   * Evidence that an organisation meets an information security or governance assurance scheme,
   * valid for a period.
   */
  public static final Resource AssuranceCertificate = resource("AssuranceCertificate");

  /** One state change recorded in the append-only audit log; a leaf of the log's Merkle tree. */
  public static final Resource AuditEvent = resource("AuditEvent");

  /** The kind of state change an audit event records. */
  public static final Resource AuditAction = resource("AuditAction");

  /**
   * A checkpoint of the audit log's Merkle tree: its size and root hash (in the style of an RFC
   * 9162 signed tree head).
   */
  public static final Resource TreeHead = resource("TreeHead");

  /** An item the UK ICO data sharing code of practice expects a data sharing agreement to cover. */
  public static final Resource IcoChecklistItem = resource("IcoChecklistItem");

  // Annotation properties used on SHACL shapes

  /** The API field a SHACL shape checks, e.g. "lawfulBasis" or "party.lawfulBasis". */
  public static final Property fieldName = property("fieldName");

  /** The ICO data sharing code checklist item a SHACL shape checks. */
  public static final Property icoItem = property("icoItem");

  // Organisations and assurance certificates

  /** A public service sector the organisation works in (a concept of the sector scheme). */
  public static final Property sector = property("sector");

  /** The organisation's e-mail domain, e.g. northshire-cc.example. */
  public static final Property domain = property("domain");

  /** The name of the organisation's data protection officer. */
  public static final Property dpoName = property("dpoName");

  /** The e-mail address of the organisation's data protection officer. */
  public static final Property dpoEmail = property("dpoEmail");

  /**
   * Whether the organisation's approval needs a senior officer's sign-off after its DPO's approval;
   * absent or false, the DPO signs off alone.
   */
  public static final Property requiresSeniorSignOff = property("requiresSeniorSignOff");

  /** An assurance certificate the organisation holds. */
  public static final Property hasAssurance = property("hasAssurance");

  /** The scheme the certificate is for (a concept of the assurance-scheme scheme). */
  public static final Property assuranceScheme = property("assuranceScheme");

  /** The level reached, in the scheme's own words, e.g. "Standards Met". */
  public static final Property assuranceLevel = property("assuranceLevel");

  /** The first day the certificate is valid. */
  public static final Property validFrom = property("validFrom");

  /** The last day the certificate is valid. */
  public static final Property validUntil = property("validUntil");

  /** The number the certifying body gave the certificate. */
  public static final Property certificateNumber = property("certificateNumber");

  /** The year the assessment is for, e.g. the DSPT year "2025-26". */
  public static final Property assessmentYear = property("assessmentYear");

  /** A web page that shows the certificate or the published assessment. */
  public static final Property evidence = property("evidence");

  // Datasets, and the data an agreement version describes

  /**
   * A category of personal data the dataset or agreement version covers (a concept of the
   * data-category scheme).
   */
  public static final Property personalDataCategory = property("personalDataCategory");

  /** A category of people the data is about (a concept of the data-subject scheme). */
  public static final Property dataSubjectCategory = property("dataSubjectCategory");

  /** Whether the data includes special category personal data (UK GDPR Article 9). */
  public static final Property specialCategoryData = property("specialCategoryData");

  /** Whether the data includes criminal offence data (UK GDPR Article 10). */
  public static final Property criminalOffenceData = property("criminalOffenceData");

  /**
   * A data item (field) held in the dataset or shared under the agreement version, e.g. "NHS
   * number".
   */
  public static final Property dataItem = property("dataItem");

  /**
   * Whether the dataset is public. A dataset that is not discoverable is seen only by its
   * publisher's staff (partners and DPOs), auditors and the registry administrator: it is left out
   * of the catalogue, search, the DCAT export, linked data and SPARQL for everyone else. An
   * agreement that names it shows its identifier to the agreement's parties.
   */
  public static final Property discoverable = property("discoverable");

  /**
   * The condition on which the publisher is prepared to share the dataset (a concept of the
   * sharing-condition scheme).
   */
  public static final Property sharingCondition = property("sharingCondition");

  /** An assurance scheme a recipient must meet (a concept of the assurance-scheme scheme). */
  public static final Property requiredAssurance = property("requiredAssurance");

  /**
   * Set to true on the personal data categories that are special category data under UK GDPR
   * Article 9.
   */
  public static final Property specialCategory = property("specialCategory");

  /** Set to true on the organisation types that are public authorities (DPA 2018 section 7). */
  public static final Property publicAuthority = property("publicAuthority");

  // Agreements (mutable state)

  /** The agreement's current lifecycle status. */
  public static final Property status = property("status");

  /** Why the agreement has its current status, e.g. why it was suspended or terminated. */
  public static final Property statusReason = property("statusReason");

  /**
   * A counter bumped by every change to the agreement; each write is guarded by the revision it
   * read, so concurrent changes are never lost.
   */
  public static final Property revision = property("revision");

  /**
   * The workflow status of an amendment under way, while the agreement's approved version stays in
   * force.
   */
  public static final Property amendmentStatus = property("amendmentStatus");

  /** When the agreement was terminated or expired (UTC). */
  public static final Property endedAt = property("endedAt");

  /**
   * On an agreement: the review date every party agreed at its last review, which replaces the
   * review date of the version in force until another version is approved. On a review decision:
   * the date the party proposed.
   */
  public static final Property nextReviewDate = property("nextReviewDate");

  /** The latest version of the agreement, whatever its state. */
  public static final Property currentVersion = property("currentVersion");

  /** The approved version whose terms are in force, if any. */
  public static final Property versionInForce = property("versionInForce");

  /** A version of the agreement. */
  public static final Property hasVersion = property("hasVersion");

  // Agreement versions (immutable content; see the ICO checklist items)

  /** The agreement this is a version of. */
  public static final Property versionOf = property("versionOf");

  /** The version's number within its agreement, counting from 1. */
  public static final Property versionNumber = property("versionNumber");

  /** A party to the agreement version. */
  public static final Property hasParty = property("hasParty");

  /** The organisation that is the party. */
  public static final Property organisation = property("organisation");

  /** The party's data protection role under the agreement. */
  public static final Property partyRole = property("partyRole");

  /** The party's place in the agreement's list of parties, counting from 1 ("Party 2"). */
  public static final Property partyNumber = property("partyNumber");

  /** The named contact for the agreement at the party's organisation. */
  public static final Property contactName = property("contactName");

  /** The e-mail address of the party's named contact. */
  public static final Property contactEmail = property("contactEmail");

  /** How joint controllers divide their responsibilities (UK GDPR Article 26). */
  public static final Property jointControllerArrangement = property("jointControllerArrangement");

  /** The specific purpose of the sharing, in plain words. */
  public static final Property purposeDescription = property("purposeDescription");

  /** The benefits the sharing is expected to bring to individuals or society. */
  public static final Property benefits = property("benefits");

  /** A catalogued dataset shared under the agreement version. */
  public static final Property sharesDataset = property("sharesDataset");

  /** Why each data item is necessary and why less data would not do (data minimisation). */
  public static final Property minimisationJustification = property("minimisationJustification");

  /** The party's lawful basis under UK GDPR Article 6 (a concept of the lawful-basis scheme). */
  public static final Property lawfulBasis = property("lawfulBasis");

  /**
   * The legislation that gives the party the power to share, required when its lawful basis is
   * public task.
   */
  public static final Property statutoryPower = property("statutoryPower");

  /**
   * The party's condition for processing special category data under UK GDPR Article 9(2) (a
   * concept of the special-category-condition scheme).
   */
  public static final Property specialCategoryCondition = property("specialCategoryCondition");

  public static final Property schedule1Condition = property("schedule1Condition");

  /**
   * The party's condition for processing criminal offence data under the Data Protection Act 2018
   * Schedule 1 (a concept of the dpa-schedule-1 scheme).
   */
  public static final Property criminalOffenceCondition = property("criminalOffenceCondition");

  /** Who may access the shared data, when, and with what controls. */
  public static final Property accessArrangements = property("accessArrangements");

  /**
   * How the data is transferred or made available, e.g. secure file transfer or a shared care
   * record.
   */
  public static final Property sharingMethod = property("sharingMethod");

  /** How the parties handle requests from individuals exercising their rights. */
  public static final Property dataSubjectRightsProcedure = property("dataSubjectRightsProcedure");

  /** The single point of contact for individuals and for the other parties. */
  public static final Property singlePointOfContact = property("singlePointOfContact");

  /** How individuals are told about the sharing, e.g. privacy notices. */
  public static final Property transparencyArrangements = property("transparencyArrangements");

  /**
   * The technical and organisational security measures that protect the shared data, including
   * breach handling.
   */
  public static final Property securityMeasures = property("securityMeasures");

  /** How the parties keep the shared data accurate and correct errors. */
  public static final Property accuracyArrangements = property("accuracyArrangements");

  /** The common data formats and standards the parties use. */
  public static final Property commonFormats = property("commonFormats");

  /** How long the recipients keep the shared data. */
  public static final Property retentionPeriod = property("retentionPeriod");

  /**
   * How the shared data is deleted or returned at the end of the retention period or of the
   * agreement.
   */
  public static final Property deletionArrangements = property("deletionArrangements");

  /** The reference of the data protection impact assessment for the sharing. */
  public static final Property dpiaReference = property("dpiaReference");

  /** Why no data protection impact assessment is needed for the sharing. */
  public static final Property noDpiaReason = property("noDpiaReason");

  /** The date the sharing starts. */
  public static final Property startDate = property("startDate");

  /** The date by which the parties review the agreement; after the start date. */
  public static final Property reviewDate = property("reviewDate");

  /** The date the sharing ends, if it is fixed; after the review date. */
  public static final Property endDate = property("endDate");

  /**
   * How a party may leave, or the parties may end, the agreement, and what happens to the data
   * then.
   */
  public static final Property terminationArrangements = property("terminationArrangements");

  /** What happens if a party or its staff fail to comply with the agreement. */
  public static final Property sanctions = property("sanctions");

  /**
   * The senior officers (for example the Senior Information Risk Owners or Caldicott Guardians) who
   * sign off the agreement.
   */
  public static final Property seniorSignOff = property("seniorSignOff");

  /** How the parties will judge whether the sharing achieves its purpose. */
  public static final Property successMeasures = property("successMeasures");

  // Data-protection additions (issue 23)

  /** The contract or legal act meeting UK GDPR Article 28(3) under which a processor party acts. */
  public static final Property processorTerms = property("processorTerms");

  /** Whether, and on what terms, a recipient may disclose the shared data to non-parties. */
  public static final Property onwardDisclosure = property("onwardDisclosure");

  /** How a health or care party meets the common law duty of confidentiality. */
  public static final Property confidentialityBasis = property("confidentialityBasis");

  /** Whether the party applies the NHS national data opt-out. */
  public static final Property nationalDataOptOut = property("nationalDataOptOut");

  /** Why the national data opt-out does or does not apply. */
  public static final Property nationalDataOptOutReason = property("nationalDataOptOutReason");

  /** How long the recipients keep the shared data, as an ISO 8601 duration. */
  public static final Property retentionDuration = property("retentionDuration");

  /** The date of the data protection impact assessment. */
  public static final Property dpiaDate = property("dpiaDate");

  /** The outcome of the data protection impact assessment. */
  public static final Property dpiaOutcome = property("dpiaOutcome");

  /** The residual risk after the data protection impact assessment's measures. */
  public static final Property dpiaResidualRisk = property("dpiaResidualRisk");

  /** A summary of the data protection impact assessment for publication. */
  public static final Property dpiaSummary = property("dpiaSummary");

  /** Whether and on what basis the shared data is transferred outside the UK. */
  public static final Property internationalTransfer = property("internationalTransfer");

  /** Whether the shared data identifies people, is pseudonymised or is anonymised. */
  public static final Property deidentification = property("deidentification");

  /** The appropriate safeguard for a transfer outside the UK. */
  public static final Property transferMechanism = property("transferMechanism");

  // Decisions

  /** The exact agreement version decided on. */
  public static final Property decisionOn = property("decisionOn");

  /** What was decided. */
  public static final Property outcome = property("outcome");

  /** The reasons for the decision; expected when rejecting or requesting changes. */
  public static final Property reason = property("reason");

  /** The organisation the data protection officer decided for. */
  public static final Property onBehalfOf = property("onBehalfOf");

  /** True on a DPO's approval that counts only once a senior officer signs it off. */
  public static final Property awaitsSignOff = property("awaitsSignOff");

  /** The DPO's approval a senior officer signed off. */
  public static final Property signOffOf = property("signOffOf");

  /** The version in force that a review decision is about. */
  public static final Property reviewOf = property("reviewOf");

  /** The review date a review decision answers. */
  public static final Property reviewDueOn = property("reviewDueOn");

  /** The version in force an organisation leaves. */
  public static final Property leaves = property("leaves");

  /**
   * The hex SHA-256 of the agreement version's content (its sorted canonical N-Triples) at the time
   * of the decision or audit event.
   */
  public static final Property contentHash = property("contentHash");

  // Audit log

  /** The event's position in the audit log, counting from 0; its leaf index in the Merkle tree. */
  public static final Property sequence = property("sequence");

  /** The kind of state change the event records. */
  public static final Property action = property("action");

  /** The organisation the acting user belonged to, from their token. */
  public static final Property actorOrganisation = property("actorOrganisation");

  /** The acting person's display name at the time of the event, from their token. */
  public static final Property actorName = property("actorName");

  /** The acting person's username at the time of the event, from their token. */
  public static final Property actorUsername = property("actorUsername");

  /**
   * A registry role the acting person held at the time of the event (partner, dpo, auditor,
   * registry-admin).
   */
  public static final Property actorRole = property("actorRole");

  /**
   * The name of the organisation the acting person acted for, as the registry recorded it at the
   * time of the event.
   */
  public static final Property actorOrganisationName = property("actorOrganisationName");

  /**
   * When an event of a replayed history was appended to the log; its {@code prov:endedAtTime} is
   * when the step happened.
   */
  public static final Property replayedAt = property("replayedAt");

  /**
   * Where an event of an imported history comes from, as the importer names it (another register, a
   * file): the event replays a step recorded elsewhere, not one taken in this registry.
   */
  public static final Property importedFrom = property("importedFrom");

  /** Who imported an event of an imported history (the user who sent the file). */
  public static final Property importedBy = property("importedBy");

  /** The name of the user who imported an event's history, as they were when they imported it. */
  public static final Property importedByName = property("importedByName");

  /** How a person was known where an imported history was recorded (their name there). */
  public static final Property recordedName = property("recordedName");

  /** The agreement the event is about, if any. */
  public static final Property agreement = property("agreement");

  /** The agreement version the event is about, if any. */
  public static final Property version = property("version");

  /** The hex SHA-256 Merkle leaf hash of the event's canonical form. */
  public static final Property leafHash = property("leafHash");

  /**
   * The hex SHA-256 hashes of the perfect Merkle subtrees of 2, 4, 8, ... leaves that end with this
   * event, smallest first, comma-separated; stored once when the event is appended, so that proofs
   * read O(log n) hashes.
   */
  public static final Property subtreeHashes = property("subtreeHashes");

  /** The UTC day of the event, for grouping and filtering. */
  public static final Property day = property("day");

  /** The UTC month of the event, for grouping and filtering. */
  public static final Property month = property("month");

  /** The number of events in the log at this tree head. */
  public static final Property treeSize = property("treeSize");

  /**
   * The hex SHA-256 Merkle root hash of the log just after this event was appended, or at this tree
   * head.
   */
  public static final Property rootHash = property("rootHash");

  /**
   * The roots of the perfect subtrees of the log at this tree head, largest first, as
   * comma-separated hex SHA-256 hashes; the next root is computed from them.
   */
  public static final Property frontier = property("frontier");

  // Agreement statuses (individuals of {@link #AgreementStatus})

  /** Being written; its current version can still be edited. */
  public static final Resource Draft = resource("Draft");

  /** Submitted for sign-off; waiting for every party's data protection officer. */
  public static final Resource Submitted = resource("Submitted");

  /** A data protection officer asked for changes; a new version is needed. */
  public static final Resource ChangesRequested = resource("ChangesRequested");

  /** A data protection officer rejected the submitted version. */
  public static final Resource Rejected = resource("Rejected");

  /** Every party signed off the current version; sharing may start on its start date. */
  public static final Resource Approved = resource("Approved");

  /** The approved version is in force and data is being shared. */
  public static final Resource Active = resource("Active");

  /** In force, but its review date has passed. */
  public static final Resource ReviewDue = resource("ReviewDue");

  /** Sharing is paused, e.g. while a breach is investigated. */
  public static final Resource Suspended = resource("Suspended");

  /** Ended early by a party; no further sharing. */
  public static final Resource Terminated = resource("Terminated");

  /** Its end date has passed; no further sharing. */
  public static final Resource Expired = resource("Expired");

  // Party roles (individuals of {@link #PartyRole})

  /** Decides, alone, the purposes and means of its own processing of the shared data. */
  public static final Resource Controller = resource("Controller");

  /**
   * Decides the purposes and means of processing jointly with other parties (UK GDPR Article 26).
   */
  public static final Resource JointController = resource("JointController");

  /** Processes the shared data on behalf of a controller. */
  public static final Resource Processor = resource("Processor");

  /** Receives the shared data and becomes a controller of its copy. */
  public static final Resource Recipient = resource("Recipient");

  // Decision outcomes (individuals of {@link #DecisionOutcome}; also audit actions)

  /**
   * As a decision outcome: the data protection officer signs off the version for their
   * organisation. As an audit action: the last sign-off moved the agreement to Approved.
   */
  public static final Resource Approve = resource("Approve");

  /**
   * As a decision outcome: the data protection officer refuses the version. As an audit action: the
   * agreement moved to Rejected.
   */
  public static final Resource Reject = resource("Reject");

  /**
   * As a decision outcome: the data protection officer asks for changes before signing off. As an
   * audit action: the agreement moved to Changes requested.
   */
  public static final Resource RequestChanges = resource("RequestChanges");

  /** At a review: continue until the next review date the party proposes. */
  public static final Resource ContinueSharing = resource("ContinueSharing");

  /** At a review: the terms must change; the review stays open until an amendment is approved. */
  public static final Resource AmendmentNeeded = resource("AmendmentNeeded");

  /** At a review: the sharing is no longer needed; the agreement is terminated. */
  public static final Resource EndSharing = resource("EndSharing");

  // Audit actions (individuals of {@link #AuditAction})

  /** A draft agreement was created. */
  public static final Resource Create = resource("Create");

  /** A draft agreement version was changed. */
  public static final Resource Edit = resource("Edit");

  /** An agreement version was submitted for sign-off. */
  public static final Resource Submit = resource("Submit");

  /** A data protection officer recorded a decision on an agreement version. */
  public static final Resource Decide = resource("Decide");

  /** A senior officer signed off their DPO's approval of an agreement version. */
  public static final Resource SignOff = resource("SignOff");

  /** The drafting organisation withdrew a submitted version before any decision. */
  public static final Resource Withdraw = resource("Withdraw");

  /** The drafting organisation deleted a draft agreement that was never submitted. */
  public static final Resource Delete = resource("Delete");

  /** An organisation's DPO or the registry administrator recorded its assurance certificates. */
  public static final Resource RecordAssurance = resource("RecordAssurance");

  /** An approved agreement came into force. */
  public static final Resource Activate = resource("Activate");

  /** An agreement passed its review date. */
  public static final Resource MarkReviewDue = resource("MarkReviewDue");

  /** An agreement was suspended. */
  public static final Resource Suspend = resource("Suspend");

  /** A suspended agreement was put back in force. */
  public static final Resource Resume = resource("Resume");

  /** An agreement was ended early. */
  public static final Resource Terminate = resource("Terminate");

  /** An agreement passed its end date. */
  public static final Resource Expire = resource("Expire");

  /** A new version of an agreement was started, voiding the sign-offs of the previous one. */
  public static final Resource Amend = resource("Amend");

  /** An organisation was onboarded to the registry, or a step of its onboarding completed. */
  public static final Resource Onboard = resource("Onboard");

  /** An organisation's details were changed, or its onboarding withdrawn or discarded. */
  public static final Resource EditOrganisation = resource("EditOrganisation");

  /** A person was made a member of an organisation, or given a registry role in it. */
  public static final Resource AddMember = resource("AddMember");

  /** A person was removed from an organisation and their registry roles revoked. */
  public static final Resource RemoveMember = resource("RemoveMember");

  /** A dataset was added to the catalogue. */
  public static final Resource AddDataset = resource("AddDataset");

  /** A dataset's description or sharing conditions were changed. */
  public static final Resource EditDataset = resource("EditDataset");

  /** Datasets were imported into the catalogue from a DCAT file. */
  public static final Resource Import = resource("Import");

  /** A data protection officer recorded a review decision on an agreement due for review. */
  public static final Resource Review = resource("Review");

  /** A party gave notice that it leaves an agreement in force. */
  public static final Resource Leave = resource("Leave");

  /** An auditor or administrator verified the whole audit log; the result is recorded. */
  public static final Resource VerifyLog = resource("VerifyLog");

  /** Staff of a party recorded a personal data breach or other incident under an agreement. */
  public static final Resource RecordIncident = resource("RecordIncident");

  /** A party's DPO confirmed the data it received under an ended agreement was destroyed. */
  public static final Resource ConfirmDestruction = resource("ConfirmDestruction");

  // Destruction at the end of an agreement

  /** A DPO's confirmation that their organisation destroyed or returned the shared data. */
  public static final Resource DestructionConfirmation = resource("DestructionConfirmation");

  /** What a party did with the shared data when the agreement ended. */
  public static final Resource DisposalMethod = resource("DisposalMethod");

  /** The last version in force of the ended agreement. */
  public static final Property destructionOf = property("destructionOf");

  /** What the party did with the data it received. */
  public static final Property disposal = property("disposal");

  /** The data was securely destroyed. */
  public static final Resource Destroyed = resource("Destroyed");

  /** The data was returned and no copy kept. */
  public static final Resource Returned = resource("Returned");

  /** The party received no data under the agreement. */
  public static final Resource NoneReceived = resource("NoneReceived");

  /** A country or territory outside the UK the shared data is transferred to. */
  public static final Property transferDestination = property("transferDestination");

  // Incidents (UK GDPR Articles 33 and 34)

  /** A personal data breach or other incident affecting data shared under an agreement. */
  public static final Resource Incident = resource("Incident");

  /** What an incident did to the data: confidentiality, integrity or availability. */
  public static final Resource IncidentKind = resource("IncidentKind");

  /** The risk an incident poses to the people the data is about. */
  public static final Resource IncidentSeverity = resource("IncidentSeverity");

  /** The version in force under which the affected data was shared. */
  public static final Property incidentUnder = property("incidentUnder");

  /** When the reporting party became aware of the incident. */
  public static final Property discoveredAt = property("discoveredAt");

  /** Whether the incident affected confidentiality, integrity or availability. */
  public static final Property incidentKind = property("incidentKind");

  /** The risk the incident poses to people. */
  public static final Property severity = property("severity");

  /** Which shared data the incident affected. */
  public static final Property dataAffected = property("dataAffected");

  /** The party whose staff recorded the incident. */
  public static final Property reportingOrganisation = property("reportingOrganisation");

  /** Data disclosed to, or accessed by, someone not entitled to it. */
  public static final Resource ConfidentialityBreach = resource("ConfidentialityBreach");

  /** Data altered without authority or by accident. */
  public static final Resource IntegrityBreach = resource("IntegrityBreach");

  /** Data lost or destroyed, or access to it lost. */
  public static final Resource AvailabilityBreach = resource("AvailabilityBreach");

  /** Unlikely to result in a risk to people: recorded, not reported to the ICO. */
  public static final Resource RiskUnlikely = resource("RiskUnlikely");

  /** Likely to result in a risk to people: reported to the ICO within 72 hours. */
  public static final Resource Risk = resource("Risk");

  /** Likely to result in a high risk: reported to the ICO and told to the people affected. */
  public static final Resource HighRisk = resource("HighRisk");

  // The UK ICO data sharing code checklist (individuals of {@link #IcoChecklistItem})

  /** ICO checklist item 1: Parties, their roles and contact details. */
  public static final Resource ico01 = resource("ico01");

  /** ICO checklist item 2: Joint controller arrangements. */
  public static final Resource ico02 = resource("ico02");

  /** ICO checklist item 3: Purpose of the sharing and its benefits. */
  public static final Resource ico03 = resource("ico03");

  /** ICO checklist item 4: Data items shared, limited to what is necessary. */
  public static final Resource ico04 = resource("ico04");

  /** ICO checklist item 5: Lawful basis for sharing for each organisation. */
  public static final Resource ico05 = resource("ico05");

  /** ICO checklist item 6: Special category and criminal offence data. */
  public static final Resource ico06 = resource("ico06");

  /** ICO checklist item 7: Access to the data: who, when and how. */
  public static final Resource ico07 = resource("ico07");

  /** ICO checklist item 8: Individuals' rights and a single point of contact. */
  public static final Resource ico08 = resource("ico08");

  /** ICO checklist item 9: Transparency. */
  public static final Resource ico09 = resource("ico09");

  /** ICO checklist item 10: Security of the shared data. */
  public static final Resource ico10 = resource("ico10");

  /** ICO checklist item 11: Accuracy and common formats. */
  public static final Resource ico11 = resource("ico11");

  /** ICO checklist item 12: Retention, deletion and return of data. */
  public static final Resource ico12 = resource("ico12");

  /** ICO checklist item 13: Data protection impact assessment. */
  public static final Resource ico13 = resource("ico13");

  /** ICO checklist item 14: Start, review and end dates. */
  public static final Resource ico14 = resource("ico14");

  /** ICO checklist item 15: Termination of the agreement. */
  public static final Resource ico15 = resource("ico15");

  /** ICO checklist item 16: Sanctions for failing to comply. */
  public static final Resource ico16 = resource("ico16");

  /** ICO checklist item 17: Senior sign-off. */
  public static final Resource ico17 = resource("ico17");

  /** ICO checklist item 18: Measures of success. */
  public static final Resource ico18 = resource("ico18");
}

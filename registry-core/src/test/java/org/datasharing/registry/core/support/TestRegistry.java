package org.datasharing.registry.core.support;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.store.TdbRegistryStore;

/**
 * A registry on TDB2 in a temporary folder, with the Northshire sample data and a hand-moved clock.
 */
public final class TestRegistry implements AutoCloseable {
  public static final String BASE = "http://localhost:8080/id/";
  public static final String COUNCIL = "northshire-county-council";
  public static final String TRUST = "northshire-nhs-foundation-trust";
  public static final String ICB = "northshire-integrated-care-board";
  public static final String POLICE = "northshire-police";
  public static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  public final MutableClock clock = new MutableClock(NOW);
  public final TdbRegistryStore store;
  public final Registry registry;

  // the sample registry as the first TestRegistry of this JVM built it, replaying the sample
  // history (SampleHistory); later ones start from a copy, as a restart over the same data would
  private static org.apache.jena.sparql.core.DatasetGraph sample;

  public TestRegistry(Path dir) {
    this(dir, true);
  }

  /**
   * @param reuse start from the copy of the first sample registry of this JVM, if there is one,
   *     instead of replaying the sample history again (false: replay it, for tests of the replay)
   */
  public TestRegistry(Path dir, boolean reuse) {
    store = TdbRegistryStore.open(dir.resolve("tdb"));
    org.apache.jena.sparql.core.DatasetGraph dsg = store.datasetGraph();
    org.apache.jena.sparql.core.DatasetGraph copy = reuse ? sample() : null;
    if (copy != null) {
      org.apache.jena.system.Txn.executeWrite(dsg, () -> copy.find().forEachRemaining(dsg::add));
    }
    registry = new Registry(store, BASE, clock, true);
    if (reuse && copy == null) {
      org.apache.jena.sparql.core.DatasetGraph taken =
          org.apache.jena.sparql.core.DatasetGraphFactory.createGeneral();
      org.apache.jena.system.Txn.executeRead(dsg, () -> dsg.find().forEachRemaining(taken::add));
      remember(taken);
    }
  }

  /**
   * Empties the audit log of the replayed sample history (the sample agreements keep their
   * decisions), for tests that count every event of the log: the log then starts empty, as before
   * the sample history was replayed. Returns this registry.
   */
  public TestRegistry forgetSampleHistory() {
    org.apache.jena.sparql.core.DatasetGraph dsg = store.datasetGraph();
    org.apache.jena.graph.Node audit = org.datasharing.registry.ontology.vocab.Graphs.AUDIT_NODE;
    org.apache.jena.system.Txn.executeWrite(
        dsg,
        () -> {
          java.util.List<org.apache.jena.sparql.core.Quad> events = new ArrayList<>();
          dsg.find(
                  audit,
                  org.apache.jena.graph.Node.ANY,
                  org.apache.jena.graph.Node.ANY,
                  org.apache.jena.graph.Node.ANY)
              .forEachRemaining(
                  q -> {
                    if (!q.getSubject().equals(audit)) {
                      events.add(q);
                    }
                  });
          events.forEach(dsg::delete);
        });
    return this;
  }

  private static synchronized org.apache.jena.sparql.core.DatasetGraph sample() {
    return sample;
  }

  /**
   * The sample registry's quads (ontology, reference and sample data, the replayed sample history)
   * as the first registry of this JVM built them; builds one in a scratch folder if none has yet.
   */
  public static synchronized org.apache.jena.sparql.core.DatasetGraph sampleQuads() {
    if (sample == null) {
      try {
        Path scratch = java.nio.file.Files.createTempDirectory("sample-registry");
        try (TestRegistry built = new TestRegistry(scratch)) {
          // its constructor remembered its quads
        } finally {
          org.apache.jena.atlas.io.IO.deleteAll(scratch);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return sample;
  }

  private static synchronized void remember(org.apache.jena.sparql.core.DatasetGraph taken) {
    if (sample == null) {
      sample = taken;
    }
  }

  /** A registry whose longest review interval is set (the deployment setting). */
  public TestRegistry(Path dir, java.time.Period maxReviewInterval) {
    store = TdbRegistryStore.open(dir.resolve("tdb"));
    registry =
        new Registry(store, BASE, clock, true, Optional.empty(), Optional.of(maxReviewInterval));
  }

  /** A registry over another store (e.g. remote SPARQL); {@link #store} is then null. */
  public TestRegistry(RegistryStore other) {
    store = null;
    registry = new Registry(other, BASE, clock, true);
  }

  public static Actor partner(String org) {
    return new Actor(
        "sub-partner-" + org, "partner." + org, Optional.of(org), Set.of(Actor.Role.PARTNER));
  }

  /** A senior officer (SIRO, Caldicott Guardian) of the organisation, who signs off approvals. */
  public static Actor seniorOfficer(String org) {
    return new Actor(
        "sub-siro-" + org,
        "siro." + org,
        Optional.of(org),
        Set.of(Actor.Role.SENIOR_OFFICER),
        Optional.of("Senior officer of " + org));
  }

  public static Actor dpo(String org) {
    return new Actor("sub-dpo-" + org, "dpo." + org, Optional.of(org), Set.of(Actor.Role.DPO));
  }

  /**
   * Drafts as the lifecycle lets it be written: the drafter gives its own party's answers and names
   * the other parties; then each other party's DPO gives its own answers from {@code content}. The
   * first refusal is returned; otherwise the draft as its drafter sees it.
   */
  public static Result<AgreementView> draft(
      AgreementService agreements, Actor drafter, Optional<String> id, AgreementContent content) {
    String own = drafter.organisation().orElse("");
    Result<AgreementView> created =
        agreements.createDraft(
            drafter, id, content.withAnswersFrom(AgreementContent.NONE, o -> !o.equals(own)));
    if (!created.ok()) {
      return created;
    }
    String made = created.value().id();
    for (String org : content.partyOrganisations()) {
      if (org.equals(own)) {
        continue;
      }
      AgreementContent stored = agreements.get(dpo(org), made).orElseThrow().content();
      AgreementContent theirs = stored.withAnswersFrom(content, org::equals);
      if (!theirs.equals(stored)) {
        Result<AgreementView> answered = agreements.updateDraft(dpo(org), made, theirs);
        if (!answered.ok()) {
          return answered;
        }
      }
    }
    return agreements.get(drafter, made);
  }

  /**
   * Decides as a DPO who read the version: names the content hash the service shows for it (an
   * empty hash when the actor may not read it, so the refusal comes from the policy).
   */
  public static Result<AgreementView> decide(
      AgreementService agreements,
      Actor actor,
      String id,
      int version,
      AgreementService.Outcome outcome,
      Optional<String> reason) {
    Result<AgreementService.VersionText> read = agreements.version(actor, id, version);
    String hash = read.ok() ? read.value().contentHash() : "unread";
    return agreements.decide(actor, id, version, hash, outcome, reason);
  }

  public static Actor auditor() {
    return new Actor("sub-auditor", "auditor", Optional.empty(), Set.of(Actor.Role.AUDITOR));
  }

  public static Actor admin() {
    return new Actor("sub-admin", "admin", Optional.empty(), Set.of(Actor.Role.REGISTRY_ADMIN));
  }

  /** A discoverable dataset the sample catalogue publishes (any party may name it). */
  public String someDataset() {
    return registry.catalog().list(auditor()).stream()
        .filter(d -> !Boolean.FALSE.equals(d.discoverable()))
        .findFirst()
        .orElseThrow()
        .id();
  }

  /** A complete agreement text (every ICO item) between the given organisations. */
  public AgreementContent completeContent(List<String> orgs) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("title", "Hospital discharge coordination");
    f.put("purposes", List.of("direct-care"));
    f.put("purposeDescription", "Plan safe discharge from hospital to home or care.");
    f.put("benefits", "Fewer delayed discharges and readmissions.");
    String dataset = someDataset();
    f.put("datasets", List.of(dataset));
    // items the dataset holds: an item it does not hold is refused at submit
    f.put(
        "dataItems",
        registry.catalog().get(auditor(), dataset).orElseThrow().dataItems().stream()
            .limit(3)
            .toList());
    f.put("minimisationJustification", "Only the items needed to arrange care are shared.");
    f.put("personalDataCategories", List.of("health"));
    f.put("dataSubjectCategories", List.of("patients"));
    f.put("specialCategoryData", true);
    f.put("criminalOffenceData", false);
    f.put("accessArrangements", "Discharge coordinators in each party, role-based access.");
    f.put("sharingMethod", "Daily secure file transfer over HSCN.");
    f.put(
        "dataSubjectRightsProcedure",
        "Requests are forwarded to the receiving party's DPO within 2 working days.");
    f.put("singlePointOfContact", "dpo@northshire-icb.example");
    f.put("transparencyArrangements", "Each party updates its privacy notice.");
    f.put("securityMeasures", "Encryption in transit and at rest; access logging.");
    f.put("accuracyArrangements", "Source systems are corrected and re-sent.");
    f.put("commonFormats", "CSV to an agreed schema.");
    f.put("retentionPeriod", "P2Y");
    f.put("deletionArrangements", "Secure deletion at the end of retention, confirmed in writing.");
    f.put("dpiaReference", "DPIA-2026-014");
    f.put("dpiaDate", "2026-10-01");
    f.put("dpiaOutcome", "no-high-risk");
    f.put("onwardDisclosure", "No onward disclosure unless the law requires it.");
    f.put("internationalTransfer", "none");
    // not before today: a start date before submission is refused
    java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    java.time.LocalDate start = java.time.LocalDate.parse("2027-01-01");
    f.put("startDate", (today.isAfter(start) ? today : start).toString());
    f.put("reviewDate", "2027-07-01");
    f.put("endDate", "2028-12-31");
    f.put("terminationArrangements", "Three months' notice; data returned or deleted.");
    f.put("sanctions", "Access suspended on breach; escalation to the ICB board.");
    f.put("seniorSignOff", "Director of Adult Social Services and Chief Nursing Officer");
    f.put("successMeasures", "Median discharge delay reduced by 20%.");
    List<Map<String, Object>> parties = new ArrayList<>();
    for (String org : orgs) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("organisation", org);
      p.put("role", "controller");
      p.put("lawfulBasis", "public-task");
      p.put("statutoryPower", "Care Act 2014 s.6; NHS Act 2006 s.82");
      p.put("contactName", "Information Governance Lead");
      p.put("contactEmail", "ig@" + org + ".example");
      p.put("specialCategoryCondition", "health-or-social-care");
      p.put("schedule1Condition", "health-or-social-care-purposes");
      // health and care parties disclosing health data meet the common law duty of confidence
      p.put("confidentialityBasis", "implied-consent-individual-care");
      p.put("nationalDataOptOut", false);
      p.put("nationalDataOptOutReason", "Shared for individual care: the opt-out does not apply.");
      parties.add(p);
    }
    return new AgreementContent(f, parties);
  }

  /** The content with one field replaced (null removes it). */
  public static AgreementContent with(AgreementContent c, String field, Object value) {
    Map<String, Object> f = new LinkedHashMap<>(c.fields());
    if (value == null) {
      f.remove(field);
    } else {
      f.put(field, value);
    }
    return new AgreementContent(f, c.parties());
  }

  /** The content with one party field replaced (null removes it) on every party. */
  public static AgreementContent withParty(AgreementContent c, String field, Object value) {
    List<Map<String, Object>> ps = new ArrayList<>();
    for (Map<String, Object> p : c.parties()) {
      Map<String, Object> copy = new LinkedHashMap<>(p);
      if (value == null) {
        copy.remove(field);
      } else {
        copy.put(field, value);
      }
      ps.add(copy);
    }
    return new AgreementContent(c.fields(), ps);
  }

  @Override
  public void close() {
    registry.store().close();
  }
}

package org.datasharing.registry.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.datasharing.registry.core.audit.AuditLog;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.LogHead;
import org.datasharing.registry.ontology.vocab.DSR;

/**
 * Deterministic (seeded) synthetic data at any scale, in the registry's layout: catalogue datasets
 * published by the Northshire sample organisations (Turtle, absolute IRIs, valid against the
 * shapes), and audit events chained into a valid Merkle log (N-Quads). The same files feed the
 * registry's import and {@code tdb2.tdbloader}-style bulk loading.
 */
public final class Generator {
  static final String BASE = "http://localhost:8080/id/";
  static final List<String> ORGS =
      List.of(
          "northshire-county-council",
          "northshire-nhs-foundation-trust",
          "northshire-integrated-care-board",
          "northshire-police",
          "east-northshire-district-council",
          "northshire-mental-health-trust",
          "northshire-carers-trust",
          "northshire-housing-partnership",
          "northshire-ambulance-service");
  static final List<String> THEMES =
      List.of(
          "community-safety",
          "education",
          "emergency-services",
          "health-and-care",
          "housing",
          "population-health",
          "safeguarding",
          "social-care");
  static final List<String> CATEGORIES =
      List.of(
          "contact",
          "demographic",
          "education",
          "employment",
          "family",
          "financial",
          "housing",
          "identifiers",
          "location",
          "health",
          "mental-health",
          "social-care",
          "criminal-offence");

  /** The categories the reference data flags as special category (checked by the smoke test). */
  static final Set<String> SPECIAL = Set.of("health", "mental-health");

  static final List<String> SUBJECTS =
      List.of("patients", "service-users", "children", "carers", "residents", "tenants", "pupils");
  static final List<String> CONDITIONS =
      List.of(
          "aggregate-only",
          "named-individuals-under-agreement",
          "pseudonymised",
          "restricted-statutory");
  static final List<String> NOUNS =
      List.of(
          "referrals",
          "attendances",
          "admissions",
          "assessments",
          "case records",
          "waiting list",
          "register",
          "outcomes",
          "discharges",
          "incidents",
          "call logs",
          "visits",
          "enrolments",
          "tenancies",
          "support plans");
  static final List<String> SUBJECT_WORDS =
      List.of(
          "adult social care",
          "mental health",
          "hospital",
          "housing",
          "school",
          "ambulance",
          "community safety",
          "carers",
          "children's services",
          "public health",
          "domestic abuse",
          "homelessness",
          "falls prevention");

  private Generator() {}

  /** Writes {@code n} datasets as Turtle; returns the number of triples written. */
  public static long catalog(Path file, int n, long seed) throws IOException {
    Random r = new Random(seed);
    long triples = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(
          "@prefix dsr: <https://w3id.org/dsr#> .\n@prefix dct: <http://purl.org/dc/terms/> .\n"
              + "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n@prefix theme: <https://w3id.org/dsr/ref/theme/> .\n"
              + "@prefix cat: <https://w3id.org/dsr/ref/data-category/> .\n@prefix subj: <https://w3id.org/dsr/ref/data-subject/> .\n"
              + "@prefix cond: <https://w3id.org/dsr/ref/sharing-condition/> .\n\n");
      for (int i = 0; i < n; i++) {
        String id = "bench-" + seed + "-" + i;
        String subject = pick(r, SUBJECT_WORDS);
        String noun = pick(r, NOUNS);
        String org = pick(r, ORGS);
        String c1 = pick(r, CATEGORIES);
        String c2 = pick(r, CATEGORIES);
        boolean special = SPECIAL.contains(c1) || SPECIAL.contains(c2);
        boolean criminal = c1.equals("criminal-offence") || c2.equals("criminal-offence");
        w.write("<" + BASE + "dataset/" + id + "> a dcat:Dataset ;\n");
        w.write("  dct:identifier \"" + id + "\" ;\n");
        w.write(
            "  dct:title \""
                + cap(subject)
                + " "
                + noun
                + " "
                + (2015 + r.nextInt(12))
                + "\"@en ;\n");
        w.write(
            "  dct:description \"Records of "
                + noun
                + " held by the "
                + subject
                + " service, updated "
                + pick(r, List.of("daily", "weekly", "monthly"))
                + ". Used for "
                + pick(
                    r,
                    List.of("planning", "direct care", "safeguarding", "research", "commissioning"))
                + ".\"@en ;\n");
        w.write("  dct:publisher <" + BASE + "organisation/" + org + "> ;\n");
        w.write("  dcat:theme theme:" + pick(r, THEMES) + " ;\n");
        w.write("  dcat:keyword \"" + subject + "\"@en , \"" + noun + "\"@en ;\n");
        w.write("  dsr:personalDataCategory cat:" + c1 + " , cat:" + c2 + " ;\n");
        w.write("  dsr:dataSubjectCategory subj:" + pick(r, SUBJECTS) + " ;\n");
        w.write(
            "  dsr:specialCategoryData "
                + special
                + " ;\n  dsr:criminalOffenceData "
                + criminal
                + " ;\n");
        w.write("  dsr:dataItem \"Person ID\" , \"Date\" , \"" + cap(noun) + " type\" ;\n");
        w.write("  dsr:sharingCondition cond:" + pick(r, CONDITIONS) + " ;\n");
        w.write("  dsr:discoverable " + (r.nextInt(20) != 0) + " .\n\n");
        triples += 17;
      }
    }
    return triples;
  }

  /**
   * Writes {@code n} audit events, chained into a valid Merkle log, as N-Quads; returns the quad
   * count.
   */
  public static long auditLog(Path file, int n, long seed) throws IOException {
    Random r = new Random(seed);
    Ids ids = new Ids(BASE);
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    MovingClock clock = new MovingClock(start);
    AuditLog log = new AuditLog(ids, clock);
    LogHead head = LogHead.empty();
    long quads = 0;
    List<org.apache.jena.graph.Node> actions =
        List.of(
            DSR.Create.asNode(),
            DSR.Edit.asNode(),
            DSR.Submit.asNode(),
            DSR.Decide.asNode(),
            DSR.Activate.asNode());
    int agreements = Math.max(10, n / 20);
    try (OutputStream out =
        new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      org.apache.jena.riot.system.StreamRDF w =
          org.apache.jena.riot.system.StreamRDFWriter.getWriterStream(
              out, org.apache.jena.riot.RDFFormat.NQUADS);
      w.start();
      for (int i = 0; i < n; i++) {
        clock.set(start.plus((long) i * 600 + r.nextInt(600), ChronoUnit.SECONDS));
        String org = pick(r, ORGS);
        int user = r.nextInt(200);
        Actor actor =
            new Actor(
                "user-" + org + "-" + user,
                "user" + user,
                Optional.of(org),
                Set.of(Actor.Role.DPO));
        var agreement = ids.agreement("bench-agreement-" + r.nextInt(agreements));
        var event =
            log.event(pick(r, actions), actor, agreement, ids.version(agreement, 1), null, "bench");
        Change.Appended appended = log.appender(event).append(head);
        head = appended.next();
        for (Quad q : appended.quads()) {
          w.quad(q);
          quads++;
        }
      }
      // the log head, so the registry sees a log of n events
      for (Quad q : headQuads(head)) {
        w.quad(q);
        quads++;
      }
      w.finish();
    }
    return quads;
  }

  static List<Quad> headQuads(LogHead head) {
    var g = org.datasharing.registry.ontology.vocab.Graphs.AUDIT_NODE;
    var h = NodeFactory.createURI(org.datasharing.registry.ontology.vocab.Graphs.AUDIT + "#head");
    String frontier =
        String.join(
            ",", head.frontier().stream().map(java.util.HexFormat.of()::formatHex).toList());
    return List.of(
        Quad.create(
            g,
            h,
            DSR.treeSize.asNode(),
            NodeFactory.createLiteralDT(
                Long.toString(head.size()), org.apache.jena.datatypes.xsd.XSDDatatype.XSDlong)),
        Quad.create(g, h, DSR.frontier.asNode(), NodeFactory.createLiteralString(frontier)));
  }

  private static <T> T pick(Random r, List<T> values) {
    return values.get(r.nextInt(values.size()));
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** A clock the generator moves. */
  static final class MovingClock extends java.time.Clock {
    private Instant now;

    MovingClock(Instant start) {
      now = start;
    }

    void set(Instant i) {
      now = i;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}

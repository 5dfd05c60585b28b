package org.datasharing.registry.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.common.Canonical;
import org.datasharing.registry.core.support.TestRegistry;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random edits made behind the registry's back to a store with a long log: every one is detected
 * and named, by {@code AuditTrail.verify()} (events) or {@link VersionHashCheck} (version texts and
 * decisions). Each edit is undone before the next, so each meets an otherwise intact store.
 *
 * <p>CI runs a short count; the long run is {@code mvn -o -pl registry-core test
 * -Dtest=TamperAtScaleTest -Dreliability.tamper.edits=1000 -Dreliability.tamper.agreements=700}
 * (see docs/reliability.md).
 */
class TamperAtScaleTest {
  static final int AGREEMENTS = Integer.getInteger("reliability.tamper.agreements", 20);
  static final int EDITS = Integer.getInteger("reliability.tamper.edits", 100);
  static final long SEED = Long.getLong("reliability.tamper.seed", 19L);
  static final Node AUDIT = Graphs.AUDIT_NODE;

  @TempDir static Path dir;
  static TestRegistry t;
  static DatasetGraph dsg;
  static long buildMillis;

  enum Kind {
    CHANGE_EVENT,
    DELETE_EVENT,
    INSERT_EVENT,
    REORDER_EVENTS,
    CHANGE_VERSION_TEXT,
    DELETE_VERSION_TEXT,
    INSERT_VERSION_TEXT,
    CHANGE_DECISION_HASH,
    CHANGE_EVENT_HASH
  }

  /** One edit: the quads it removed and added, and the resources a finding must name. */
  record Edit(Kind kind, List<Quad> removed, List<Quad> added, List<String> names) {}

  @BeforeAll
  static void buildALongLog() {
    long started = System.nanoTime();
    t = new TestRegistry(dir);
    dsg = t.store.datasetGraph();
    AgreementService s = t.registry.agreements();
    AgreementContent content = t.completeContent(List.of(ICB, COUNCIL, TRUST));
    for (int i = 0; i < AGREEMENTS; i++) {
      String id = "dsa-tamper-" + i;
      TestRegistry.draft(s, partner(ICB), Optional.of(id), content).orElseThrow();
      if (i % 3 == 0) {
        // a draft edited before submission: its events record the hash of each text
        s.updateDraft(
                partner(ICB),
                id,
                TestRegistry.with(content, "benefits", "Fewer delays (" + i + ")."))
            .orElseThrow();
      }
      s.submit(partner(ICB), id).orElseThrow();
      if (i % 5 == 0) {
        TestRegistry.decide(
                s, dpo(COUNCIL), id, 1, Outcome.REQUEST_CHANGES, Optional.of("Name the team."))
            .orElseThrow();
        s.revise(partner(ICB), id).orElseThrow();
        s.submit(partner(ICB), id).orElseThrow();
      }
      int v = i % 5 == 0 ? 2 : 1;
      for (String org : List.of(COUNCIL, TRUST, ICB)) {
        TestRegistry.decide(s, dpo(org), id, v, Outcome.APPROVE, Optional.empty()).orElseThrow();
      }
    }
    buildMillis = (System.nanoTime() - started) / 1_000_000;
  }

  @AfterAll
  static void close() {
    t.close();
  }

  @Test
  void everyRandomEdit_isDetectedAndNamed() {
    AuditTrail trail = t.registry.auditTrail();
    AuditTrail.Verification clean = trail.verify();
    assertThat(clean.findings()).isEmpty();
    assertThat(VersionHashCheck.run(dsg)).isEmpty();
    long events = clean.treeSize();
    assertThat(events).isGreaterThanOrEqualTo(AGREEMENTS * 5L);

    Random random = new Random(SEED);
    Map<Kind, int[]> tally = new EnumMap<>(Kind.class);
    List<String> missed = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < EDITS; i++) {
      Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
      Edit edit = Txn.calculateWrite(dsg, () -> tamper(kind, random));
      boolean named;
      try {
        named = named(edit, trail.verify(), VersionHashCheck.run(dsg));
      } finally {
        Txn.executeWrite(
            dsg,
            () -> {
              edit.added().forEach(dsg::delete);
              edit.removed().forEach(dsg::add);
            });
      }
      int[] counts = tally.computeIfAbsent(kind, k -> new int[2]);
      counts[0]++;
      if (named) {
        counts[1]++;
      } else {
        missed.add(i + ": " + edit);
      }
    }
    long took = (System.nanoTime() - started) / 1_000_000;
    StringBuilder report = new StringBuilder();
    report.append(
        "tamper: %d events, %d agreements (built in %d ms); %d edits in %d ms (seed %d)%n"
            .formatted(events, AGREEMENTS, buildMillis, EDITS, took, SEED));
    tally.forEach(
        (k, c) -> report.append("  %-22s %5d edits, %5d named%n".formatted(k, c[0], c[1])));
    System.out.print(report);

    assertThat(missed).as("edits not detected and named").isEmpty();
    // undone edits leave the store as it was
    assertThat(trail.verify().findings()).isEmpty();
    assertThat(VersionHashCheck.run(dsg)).isEmpty();
  }

  private static boolean named(
      Edit edit, AuditTrail.Verification v, List<VersionHashCheck.Mismatch> mismatches) {
    for (AuditTrail.Finding f : v.findings()) {
      if (edit.names().contains(f.event()) || edit.names().contains("#" + f.sequence())) {
        return true;
      }
    }
    return mismatches.stream()
        .anyMatch(m -> m.resources().stream().anyMatch(edit.names()::contains));
  }

  // ---- the edits ----

  private static Edit tamper(Kind kind, Random random) {
    return switch (kind) {
      case CHANGE_EVENT -> changeEvent(random);
      case DELETE_EVENT -> deleteEvent(random);
      case INSERT_EVENT -> insertEvent(random);
      case REORDER_EVENTS -> reorderEvents(random);
      case CHANGE_VERSION_TEXT, DELETE_VERSION_TEXT, INSERT_VERSION_TEXT ->
          versionText(kind, random);
      case CHANGE_DECISION_HASH -> decisionHash(random);
      case CHANGE_EVENT_HASH -> eventHash(random);
    };
  }

  private static Edit changeEvent(Random random) {
    Node e = randomEvent(random);
    List<Quad> about = quads(AUDIT, e, Node.ANY);
    Quad old = about.get(random.nextInt(about.size()));
    Quad changed = Quad.create(AUDIT, e, old.getPredicate(), altered(old.getObject(), random));
    return apply(Kind.CHANGE_EVENT, List.of(old), List.of(changed), names(e));
  }

  private static Edit deleteEvent(Random random) {
    Node e = randomEvent(random);
    return apply(Kind.DELETE_EVENT, quads(AUDIT, e, Node.ANY), List.of(), names(e));
  }

  private static Edit insertEvent(Random random) {
    // a copy of a real event under a new IRI, at a sequence number already taken or just after
    // the end, as a forger who cannot rewrite the log head would
    Node model = randomEvent(random);
    Node forged = NodeFactory.createURI(model.getURI() + "-forged-" + random.nextInt(1_000_000));
    long size = t.store.logHead().size();
    long seq = random.nextBoolean() ? random.nextLong(size) : size;
    List<Quad> added = new ArrayList<>();
    for (Quad q : quads(AUDIT, model, Node.ANY)) {
      Node o =
          q.getPredicate().equals(DSR.sequence.asNode())
              ? NodeFactory.createLiteralDT(Long.toString(seq), XSDDatatype.XSDlong)
              : q.getObject();
      added.add(Quad.create(AUDIT, forged, q.getPredicate(), o));
    }
    return apply(Kind.INSERT_EVENT, List.of(), added, names(forged, "#" + seq));
  }

  private static Edit reorderEvents(Random random) {
    Node a = randomEvent(random);
    Node b = randomEvent(random);
    while (b.equals(a)) {
      b = randomEvent(random);
    }
    Quad sa = quads(AUDIT, a, DSR.sequence.asNode()).get(0);
    Quad sb = quads(AUDIT, b, DSR.sequence.asNode()).get(0);
    return apply(
        Kind.REORDER_EVENTS,
        List.of(sa, sb),
        List.of(
            Quad.create(AUDIT, a, sa.getPredicate(), sb.getObject()),
            Quad.create(AUDIT, b, sb.getPredicate(), sa.getObject())),
        names(a, b));
  }

  private static Edit versionText(Kind kind, Random random) {
    Quad submitted = random(quads(Node.ANY, Node.ANY, DSR.decisionOn.asNode()), random);
    Node g = submitted.getGraph();
    Node version = submitted.getObject();
    List<Quad> text = new ArrayList<>();
    Canonical.versionText(dsg.getGraph(g), version)
        .find()
        .forEachRemaining(tr -> text.add(Quad.create(g, tr)));
    Quad old = random(text, random);
    List<String> names = names(version);
    return switch (kind) {
      case DELETE_VERSION_TEXT -> apply(kind, List.of(old), List.of(), names);
      case INSERT_VERSION_TEXT ->
          apply(
              kind,
              List.of(),
              List.of(
                  Quad.create(
                      g,
                      old.getSubject(),
                      DSR.reason.asNode(),
                      NodeFactory.createLiteralString("added " + random.nextInt()))),
              names);
      default ->
          apply(
              kind,
              List.of(old),
              List.of(
                  Quad.create(
                      g, old.getSubject(), old.getPredicate(), altered(old.getObject(), random))),
              names);
    };
  }

  private static Edit decisionHash(Random random) {
    Quad hash =
        random(
            quads(Node.ANY, Node.ANY, DSR.contentHash.asNode()).stream()
                .filter(q -> !q.getGraph().equals(AUDIT))
                .filter(
                    q ->
                        dsg.contains(
                            q.getGraph(), q.getSubject(), RDF.type.asNode(), DSR.Decision.asNode()))
                .toList(),
            random);
    return apply(
        Kind.CHANGE_DECISION_HASH,
        List.of(hash),
        List.of(
            Quad.create(
                hash.getGraph(),
                hash.getSubject(),
                hash.getPredicate(),
                NodeFactory.createLiteralString(
                    flipHex(hash.getObject().getLiteralLexicalForm(), random)))),
        names(hash.getSubject()));
  }

  private static Edit eventHash(Random random) {
    Quad hash = random(quads(AUDIT, Node.ANY, DSR.contentHash.asNode()), random);
    return apply(
        Kind.CHANGE_EVENT_HASH,
        List.of(hash),
        List.of(
            Quad.create(
                AUDIT,
                hash.getSubject(),
                hash.getPredicate(),
                NodeFactory.createLiteralString(
                    flipHex(hash.getObject().getLiteralLexicalForm(), random)))),
        names(hash.getSubject()));
  }

  // ---- helpers ----

  private static Edit apply(Kind kind, List<Quad> removed, List<Quad> added, List<String> names) {
    removed.forEach(dsg::delete);
    added.forEach(dsg::add);
    return new Edit(kind, List.copyOf(removed), List.copyOf(added), names);
  }

  private static List<String> names(Object... resources) {
    List<String> names = new ArrayList<>();
    for (Object r : resources) {
      if (r instanceof Node n) {
        names.add(n.getURI());
        quads(AUDIT, n, DSR.sequence.asNode()).stream()
            .map(q -> "#" + q.getObject().getLiteralLexicalForm())
            .forEach(names::add);
      } else {
        names.add(r.toString());
      }
    }
    return names;
  }

  private static Node randomEvent(Random random) {
    return random(quads(AUDIT, Node.ANY, DSR.sequence.asNode()), random).getSubject();
  }

  private static List<Quad> quads(Node g, Node s, Node p) {
    List<Quad> out = new ArrayList<>();
    dsg.find(g, s, p, Node.ANY).forEachRemaining(out::add);
    return out;
  }

  private static <T> T random(List<T> from, Random random) {
    return from.get(random.nextInt(from.size()));
  }

  /** Another value of the same kind: a forger's edit that still parses. */
  private static Node altered(Node o, Random random) {
    if (o.isURI()) {
      return NodeFactory.createURI(o.getURI() + "-x" + random.nextInt(1000));
    }
    if (!o.isLiteral()) {
      return NodeFactory.createLiteralString("replaced");
    }
    RDFDatatype dt = o.getLiteralDatatype();
    String lex = o.getLiteralLexicalForm();
    if (dt.equals(XSDDatatype.XSDlong)
        || dt.equals(XSDDatatype.XSDinteger)
        || dt.equals(XSDDatatype.XSDint)) {
      return NodeFactory.createLiteralDT(Long.toString(Long.parseLong(lex) + 1), dt);
    }
    if (dt.equals(XSDDatatype.XSDboolean)) {
      return NodeFactory.createLiteralDT(Boolean.toString(!Boolean.parseBoolean(lex)), dt);
    }
    if (dt.equals(XSDDatatype.XSDdateTime)) {
      return NodeFactory.createLiteralDT(
          java.time.OffsetDateTime.parse(lex).plusSeconds(1 + random.nextInt(3600)).toString(), dt);
    }
    if (dt.equals(XSDDatatype.XSDdate)) {
      return NodeFactory.createLiteralDT(
          java.time.LocalDate.parse(lex).plusDays(1 + random.nextInt(30)).toString(), dt);
    }
    String edited = lex.matches("[0-9a-f]{64}") ? flipHex(lex, random) : lex + " (edited)";
    return o.getLiteralLanguage().isEmpty()
        ? NodeFactory.createLiteralDT(edited, dt)
        : NodeFactory.createLiteralLang(edited, o.getLiteralLanguage());
  }

  /** The same hex string with one digit changed. */
  private static String flipHex(String hex, Random random) {
    int at = random.nextInt(hex.length());
    char c = hex.charAt(at);
    char to = c == '0' ? '1' : '0';
    return hex.substring(0, at) + to + hex.substring(at + 1);
  }
}

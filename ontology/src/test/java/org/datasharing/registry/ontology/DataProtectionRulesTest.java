package org.datasharing.registry.ontology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.ontology.Fixtures.uri;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.vocabulary.SHACL;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.datasharing.registry.ontology.vocab.DSR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answers that are each complete but contradict each other or the law are refused, naming the one
 * field to correct; near misses that are lawful still conform. Each case changes the complete ICO
 * fixture with {@code dp/{case}-remove.ttl} and then {@code dp/{case}-add.ttl} (either optional).
 */
class DataProtectionRulesTest {
  private static final String AGREEMENT = Fixtures.BASE + "agreement/ico-fixture";
  private static final String VERSION = AGREEMENT + "/version/1";

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("special-category-flag", "specialCategoryData"),
        Arguments.of("schedule1-missing", "party.schedule1Condition"),
        Arguments.of("schedule1-mismatch", "party.schedule1Condition"),
        Arguments.of("schedule1-part1-for-g", "party.schedule1Condition"),
        Arguments.of("special-category-dataset", "specialCategoryData"),
        Arguments.of("criminal-offence-flag", "criminalOffenceData"),
        Arguments.of("criminal-offence-dataset", "criminalOffenceData"),
        Arguments.of("criminal-offence-without-condition", "party.criminalOffenceCondition"),
        Arguments.of("legal-obligation-without-law", "party.statutoryPower"),
        Arguments.of("legitimate-interests-public-authority", "party.lawfulBasis"),
        Arguments.of("no-controller", "parties"),
        Arguments.of("review-after-a-year", "reviewDate"),
        Arguments.of("no-dpia-vulnerable", "noDpiaReason"),
        Arguments.of("placeholder-dataSubjectRightsProcedure", "dataSubjectRightsProcedure"),
        Arguments.of("placeholder-securityMeasures", "securityMeasures"),
        Arguments.of("placeholder-retentionPeriod", "retentionPeriod"),
        Arguments.of("placeholder-deletionArrangements", "deletionArrangements"),
        Arguments.of("processor-without-terms", "party.processorTerms"),
        Arguments.of("permission-to-non-party", "permissions"),
        Arguments.of("no-onward-disclosure", "onwardDisclosure"),
        Arguments.of("data-item-not-in-dataset", "dataItems"),
        Arguments.of("no-confidentiality-basis", "party.confidentialityBasis"),
        Arguments.of("no-national-data-opt-out", "party.nationalDataOptOut"),
        Arguments.of("no-national-data-opt-out-reason", "party.nationalDataOptOutReason"),
        Arguments.of("implied-consent-beyond-care", "party.confidentialityBasis"),
        Arguments.of("invalid-retention-duration", "retentionDuration"),
        Arguments.of("dpia-without-outcome", "dpiaOutcome"),
        Arguments.of("dpia-without-date", "dpiaDate"),
        Arguments.of("high-residual-risk-not-consulted", "dpiaOutcome"),
        Arguments.of("dpia-details-without-dpia", "noDpiaReason"),
        Arguments.of("no-international-transfer", "internationalTransfer"),
        Arguments.of("safeguards-without-mechanism", "transferMechanism"),
        Arguments.of("mechanism-without-safeguards", "transferMechanism"),
        Arguments.of("transfer-without-destination", "transferDestinations"),
        Arguments.of("destination-without-transfer", "transferDestinations"));
  }

  static Stream<String> accepted() {
    return Stream.of(
        "ok-schedule1-part2-for-g",
        "ok-criminal-offence-with-conditions",
        "ok-legal-obligation-with-law",
        "ok-legitimate-interests-housing-association",
        "ok-review-one-year",
        "ok-no-dpia-patients",
        "ok-retention-short-period",
        "ok-processor-with-terms",
        "ok-permission-to-party",
        "ok-data-items-in-dataset",
        "ok-health-confidentiality",
        "ok-section-251-for-evaluation",
        "ok-high-residual-risk-ico-consulted",
        "ok-safeguards-with-idta",
        "ok-adequacy-with-destination");
  }

  @ParameterizedTest(name = "{0} is refused on {1}")
  @MethodSource("refused")
  void version_isRefused_namingTheField(String mutation, String field) {
    ValidationReport report = validate(mutated(mutation));

    assertThat(report.conforms()).as("%s conforms", mutation).isFalse();
    assertThat(report.getEntries())
        .as(Fixtures.describe(report))
        .allSatisfy(
            entry -> {
              assertThat(fieldNameOf(entry)).isEqualTo(field);
              assertThat(entry.message()).isNotBlank();
              // each rule belongs to the ICO checklist item it refines (#23)
              assertThat(IcoCoverageTest.icoItemsOf(entry))
                  .as("ICO item of %s", mutation)
                  .isNotEmpty();
            });
  }

  /**
   * The coverage of the rules themselves: every rule shape of the agreement shapes (a SHACL-SPARQL
   * {@code dsrsh:…Rule} on an ICO checklist item) refuses at least one fixture, of this test or of
   * the ICO coverage test, so a rule added without its fixture fails here.
   */
  @Test
  void everyRuleShape_refusesAFixtureOfItsOwn() throws Exception {
    Graph shapes = Fixtures.shapesGraph();
    Set<Node> rules = new TreeSet<>(java.util.Comparator.comparing(Node::getURI));
    shapes
        .find(Node.ANY, SHACL.sparql, Node.ANY)
        .mapWith(Triple::getSubject)
        .filterKeep(s -> s.isURI() && s.getURI().endsWith("Rule"))
        // the agreement's rules: those on an ICO checklist item (the catalogue's have none)
        .filterKeep(s -> shapes.contains(s, DSR.icoItem.asNode(), Node.ANY))
        .forEachRemaining(rules::add);
    assertThat(rules).hasSizeGreaterThan(20);
    Set<Node> refusing = new HashSet<>();
    refused()
        .map(args -> (String) args.get()[0])
        .forEach(m -> validate(mutated(m)).getEntries().forEach(e -> refusing.add(e.source())));
    for (int item = 1; item <= 18; item++) {
      IcoCoverageTest.validate(IcoCoverageTest.mutated(item))
          .getEntries()
          .forEach(e -> refusing.add(e.source()));
    }

    assertThat(rules.stream().filter(r -> !refusing.contains(r)).toList())
        .as("rule shapes no fixture triggers")
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void lawfulNearMiss_conforms(String mutation) {
    ValidationReport report = validate(mutated(mutation));

    assertThat(report.conforms()).as(Fixtures.describe(report)).isTrue();
  }

  private static Graph mutated(String mutation) {
    DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
    Fixtures.parseInto("ico/valid-version.trig", dsg);
    Graph version = Fixtures.versionContent(dsg.getGraph(uri(AGREEMENT)), VERSION);
    String remove = "dp/" + mutation + "-remove.ttl";
    String add = "dp/" + mutation + "-add.ttl";
    boolean changed = false;
    if (exists(remove)) {
      Fixtures.parseGraph(remove)
          .find()
          .forEachRemaining(
              t -> {
                assertThat(version.contains(t)).as("%s removes %s", remove, t).isTrue();
                version.delete(t);
              });
      changed = true;
    }
    if (exists(add)) {
      Fixtures.parseGraph(add).find().forEachRemaining(version::add);
      changed = true;
    }
    assertThat(changed).as("fixtures for %s", mutation).isTrue();
    return version;
  }

  private static boolean exists(String classpath) {
    return DataProtectionRulesTest.class.getClassLoader().getResource(classpath) != null;
  }

  private static ValidationReport validate(Graph version) {
    return Fixtures.validate(
        Fixtures.union(version, Fixtures.reference(), Fixtures.organisations()));
  }

  private static String fieldNameOf(ReportEntry entry) {
    List<Node> names =
        Fixtures.objects(Fixtures.shapesGraph(), entry.source(), DSR.fieldName.asNode());
    return names.isEmpty() ? null : names.get(0).getLiteralLexicalForm();
  }
}

package org.datasharing.registry.core.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.sparql.graph.GraphFactory;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.support.TestRegistry;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalogue import is scoped to the importer's organisation: datasets it publishes (by the stored
 * record for existing ones), their offers, the dataset shape's properties, nothing else.
 */
class CatalogImportScopeTest {
  static final String PREFIXES =
      """
      @prefix dsr:  <https://w3id.org/dsr#> .
      @prefix dct:  <http://purl.org/dc/terms/> .
      @prefix dcat: <http://www.w3.org/ns/dcat#> .
      @prefix odrl: <http://www.w3.org/ns/odrl/2/> .
      """;

  @TempDir Path dir;
  TestRegistry t;
  Graph catalogBefore;
  long logSize;
  int registerSize;

  /** The registry under test: on TDB2 here, on a remote SPARQL store in a subclass. */
  TestRegistry createRegistry(Path dir) {
    return new TestRegistry(dir);
  }

  @BeforeEach
  void setUp() {
    t = createRegistry(dir);
    catalogBefore = copy(t.registry.store().graph(Graphs.CATALOG_NODE));
    logSize = t.registry.store().logHead().size();
    registerSize = t.registry.agreements().register().size();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  static Graph copy(Graph g) {
    Graph out = GraphFactory.createDefaultGraph();
    g.find().forEachRemaining(out::add);
    return out;
  }

  /** A valid dataset description published by {@code org}, with an id. */
  static String dataset(String id, String org) {
    return """
        <http://localhost:8080/id/dataset/%s>
            a dcat:Dataset ;
            dct:identifier "%s" ;
            dct:title "Winter pressures bed state"@en ;
            dct:description "Daily counts of occupied, free and escalation beds."@en ;
            dct:publisher <http://localhost:8080/id/organisation/%s> ;
            dcat:theme <https://w3id.org/dsr/ref/theme/health-and-care> ;
            dcat:keyword "beds"@en ;
            dsr:personalDataCategory <https://w3id.org/dsr/ref/data-category/health> ;
            dsr:dataSubjectCategory <https://w3id.org/dsr/ref/data-subject/patients> ;
            dsr:specialCategoryData true ;
            dsr:criminalOffenceData false ;
            dsr:dataItem "Site" ;
            dsr:sharingCondition <https://w3id.org/dsr/ref/sharing-condition/aggregate-only> ;
            dsr:discoverable true .
        """
        .formatted(id, id, org);
  }

  Result<CatalogImport.Summary> importTurtle(Actor actor, String body) {
    return t.registry
        .catalogImport()
        .importFile(
            actor, new ByteArrayInputStream((PREFIXES + body).getBytes(UTF_8)), Lang.TURTLE);
  }

  void assertNothingChanged() {
    assertThat(t.registry.store().graph(Graphs.CATALOG_NODE).isIsomorphicWith(catalogBefore))
        .isTrue();
    assertThat(t.registry.store().logHead().size()).isEqualTo(logSize);
    assertThat(t.registry.agreements().register()).hasSize(registerSize);
  }

  @Test
  void import_byADpo_ofItsOwnDatasets_isAccepted() {
    Result<CatalogImport.Summary> r =
        importTurtle(
            TestRegistry.dpo(TestRegistry.TRUST), dataset("bed-state", TestRegistry.TRUST));

    assertThat(r.ok()).as(String.valueOf(r.violations())).isTrue();
    assertThat(r.value().created()).isEqualTo(1);
  }

  @Test
  void import_isRefused_whenItDeclaresTheCatalogueGraphAnActiveAgreement() {
    String claim =
        """
        <https://w3id.org/dsr/graph/catalog> a dsr:DataSharingAgreement ;
            dct:identifier "dsa-not-yet" ; dsr:status dsr:Active ;
            dsr:currentVersion <http://localhost:8080/id/dataset/bed-state/v> .
        """;

    Result<CatalogImport.Summary> r =
        importTurtle(
            TestRegistry.dpo(TestRegistry.TRUST), dataset("bed-state", TestRegistry.TRUST) + claim);

    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations())
        .extracting(Violation::message)
        .anyMatch(m -> m.contains("<https://w3id.org/dsr/graph/catalog> is neither a dataset"));
    assertNothingChanged();
  }

  @Test
  void import_isRefused_whenItMakesTheCatalogueLookLikeItsOrganisationsAgreement() {
    String claim =
        """
        <https://w3id.org/dsr/graph/catalog> a dsr:DataSharingAgreement .
        <http://localhost:8080/id/dataset/bed-state/policy/party>
            dsr:organisation <http://localhost:8080/id/organisation/northshire-nhs-foundation-trust> .
        """;

    Result<CatalogImport.Summary> r =
        importTurtle(
            TestRegistry.dpo(TestRegistry.TRUST), dataset("bed-state", TestRegistry.TRUST) + claim);

    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations()).extracting(Violation::message).anyMatch(m -> m.contains("ODRL"));
    assertNothingChanged();
  }

  @Test
  void import_isRefused_whenTheDatasetIsTypedAsAnAgreement() {
    String body =
        dataset("bed-state", TestRegistry.TRUST)
            + "<http://localhost:8080/id/dataset/bed-state> a dsr:DataSharingAgreement .";

    Result<CatalogImport.Summary> r = importTurtle(TestRegistry.dpo(TestRegistry.TRUST), body);

    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertNothingChanged();
  }

  @Test
  void import_isForbidden_forADatasetNamingAnotherPublisher() {
    Result<CatalogImport.Summary> r =
        importTurtle(
            TestRegistry.dpo(TestRegistry.TRUST), dataset("bed-state", TestRegistry.COUNCIL));

    assertThat(r.failure()).isEqualTo(Result.Failure.FORBIDDEN);
    assertNothingChanged();
  }

  @Test
  void import_isForbidden_whenItOverwritesAnotherOrganisationsHiddenDataset() {
    // the police's hidden dataset, re-described as the trust's and made discoverable
    Result<CatalogImport.Summary> r =
        importTurtle(
            TestRegistry.dpo(TestRegistry.TRUST),
            dataset("public-protection-notices", TestRegistry.TRUST));

    assertThat(r.failure()).isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(t.registry.catalog().find("public-protection-notices").orElseThrow().publisher())
        .isEqualTo(TestRegistry.POLICE);
    assertNothingChanged();
  }

  @Test
  void import_isRefused_whenOneTripleMakesAnotherOrganisationsHiddenDatasetDiscoverable() {
    String body =
        dataset("bed-state", TestRegistry.TRUST)
            + "<http://localhost:8080/id/dataset/public-protection-notices> dsr:discoverable"
            + " true .";

    Result<CatalogImport.Summary> r = importTurtle(TestRegistry.dpo(TestRegistry.TRUST), body);

    assertThat(r.ok()).isFalse();
    assertNothingChanged();
  }

  @Test
  void import_isRefused_whenADatasetHasAPropertyTheShapeDoesNotAllow() {
    String body =
        dataset("bed-state", TestRegistry.TRUST)
            .replace("dsr:discoverable true .", "dsr:discoverable true ; dsr:status dsr:Active .");

    Result<CatalogImport.Summary> r = importTurtle(TestRegistry.dpo(TestRegistry.TRUST), body);

    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertNothingChanged();
  }

  @Test
  void import_refusesTextXmlCannotCarry_namingTheField() {
    String body = dataset("bed-state", TestRegistry.TRUST).replace("\"Site\"", "\"Si\\u0001te\"");

    Result<CatalogImport.Summary> r = importTurtle(TestRegistry.dpo(TestRegistry.TRUST), body);

    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations()).extracting(Violation::field).anyMatch(f -> f.endsWith("dataItems"));
    assertNothingChanged();
  }

  @Test
  void import_isRefused_whenTheIdentifierDisagreesWithTheIri() {
    String body =
        dataset("bed-state", TestRegistry.TRUST)
            .replace("dct:identifier \"bed-state\"", "dct:identifier \"child-protection-plans\"");

    Result<CatalogImport.Summary> r = importTurtle(TestRegistry.dpo(TestRegistry.TRUST), body);

    assertThat(r.violations()).extracting(Violation::field).contains("identifier");
    assertNothingChanged();
  }

  @Test
  void jsonLdImport_fetchesNoRemoteOrLocalContext_andSaysSo() {
    for (String context : List.of("http://127.0.0.1:9/context.jsonld", "file:///etc/passwd")) {
      String json =
          """
          {"@context": "%s", "@id": "http://localhost:8080/id/dataset/x", "title": "x"}
          """
              .formatted(context);

      Result<CatalogImport.Summary> r =
          t.registry
              .catalogImport()
              .importFile(
                  TestRegistry.dpo(TestRegistry.TRUST),
                  new ByteArrayInputStream(json.getBytes(UTF_8)),
                  Lang.JSONLD);

      assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
      assertThat(r.violations().get(0).message())
          .contains("fetches nothing")
          .contains(context.substring(context.lastIndexOf('/')))
          .doesNotContain("JsonLdError");
    }
    assertNothingChanged();
  }

  @Test
  void import_refusesDeeplyNestedTurtle_withAnError_notACrash() {
    String deep =
        "<http://localhost:8080/id/dataset/x> dsr:dataItem "
            + "(".repeat(20_000)
            + "\"x\""
            + ")".repeat(20_000)
            + " .";

    Result<CatalogImport.Summary> r = importTurtle(TestRegistry.dpo(TestRegistry.TRUST), deep);

    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations().get(0).field()).isEqualTo("file");
    assertNothingChanged();
  }

  @Test
  void jsonLdImport_refusesDeeplyNestedObjects_withAnError_notACrash() {
    String deep =
        "{\"@id\": \"http://localhost:8080/id/dataset/x\", \"http://ex/p\": "
            + "{\"http://ex/p\": ".repeat(5_000)
            + "\"x\""
            + "}".repeat(5_000)
            + "}";

    Result<CatalogImport.Summary> r =
        t.registry
            .catalogImport()
            .importFile(
                TestRegistry.dpo(TestRegistry.TRUST),
                new ByteArrayInputStream(deep.getBytes(UTF_8)),
                Lang.JSONLD);

    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertNothingChanged();
  }
}

package org.datasharing.registry.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.riot.Lang;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.search.SearchRequest;
import org.datasharing.registry.core.sparql.SparqlLimits;
import org.datasharing.registry.core.sparql.SparqlOutcome;
import org.datasharing.registry.core.sparql.SparqlRequest;
import org.datasharing.registry.core.sparql.SparqlService;
import org.datasharing.registry.core.support.TestRegistry;

/**
 * Coverage-guided fuzz tests (Jazzer) of what the registry reads from outside: catalogue imports
 * (Turtle, JSON-LD, TriG), agreement content (the JSON bodies' fields), SPARQL queries, search
 * parameters and identifiers in IRIs. Every input ends in a result or a typed refusal: any thrown
 * exception is a finding. {@code mvn test} replays the committed seeds (and past findings) under
 * {@code src/test/resources/.../RegistryFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes one target
 * for its {@code maxDuration} (see docs/reliability.md).
 */
class RegistryFuzzTest {
  private static TestRegistry t;
  private static SparqlService sparql;

  private static synchronized TestRegistry registry() throws Exception {
    if (t == null) {
      t = new TestRegistry(Files.createTempDirectory("fuzz"));
      sparql = new SparqlService(t.store, t.registry.ids(), SparqlLimits.DEFAULTS);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> t.close()));
    }
    return t;
  }

  private static final List<Lang> IMPORT_LANGS = List.of(Lang.TURTLE, Lang.JSONLD, Lang.TRIG);

  @FuzzTest(maxDuration = "60s")
  void catalogImport_endsInASummaryOrARefusal(FuzzedDataProvider data) throws Exception {
    Lang lang = data.pickValue(IMPORT_LANGS);
    byte[] body = data.consumeRemainingAsBytes();
    Result<?> r =
        registry()
            .registry
            .catalogImport()
            .importFile(
                data.pickValue(
                    List.of(TestRegistry.admin(), TestRegistry.dpo(TestRegistry.COUNCIL))),
                new ByteArrayInputStream(body),
                lang);
    assertThat(r).isNotNull();
  }

  static final List<String> FIELDS =
      List.of(
          "title",
          "purposes",
          "purposeDescription",
          "datasets",
          "dataItems",
          "personalDataCategories",
          "specialCategoryData",
          "startDate",
          "reviewDate",
          "endDate",
          "retentionPeriod",
          "dpiaDate",
          "internationalTransfer");

  static final List<String> PARTY_FIELDS =
      List.of("organisation", "role", "lawfulBasis", "contactEmail", "nationalDataOptOut");

  @FuzzTest(maxDuration = "60s")
  void agreementContent_endsInADraftOrARefusal(FuzzedDataProvider data) throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    int n = data.consumeInt(0, 8);
    for (int i = 0; i < n; i++) {
      fields.put(data.pickValue(FIELDS), value(data));
    }
    List<Map<String, Object>> parties = new ArrayList<>();
    int p = data.consumeInt(0, 3);
    for (int i = 0; i < p; i++) {
      Map<String, Object> party = new LinkedHashMap<>();
      party.put(
          "organisation",
          data.pickValue(List.of(TestRegistry.ICB, TestRegistry.COUNCIL, data.consumeString(40))));
      party.put(data.pickValue(PARTY_FIELDS), value(data));
      parties.add(party);
    }
    String id = "fuzz-" + data.consumeString(30);
    var r =
        registry()
            .registry
            .agreements()
            .createDraft(
                TestRegistry.partner(TestRegistry.ICB),
                Optional.of(id),
                new AgreementContent(fields, parties));
    assertThat(r).isNotNull();
  }

  private static Object value(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 4)) {
      case 0 -> data.consumeString(200);
      case 1 -> data.consumeBoolean();
      case 2 -> data.consumeLong();
      case 3 -> List.of(data.consumeString(50), data.consumeString(50));
      default -> null;
    };
  }

  @FuzzTest(maxDuration = "60s")
  void sparqlQuery_endsInAnAnswerOrARefusal(FuzzedDataProvider data) throws Exception {
    registry();
    String accept =
        data.pickValue(
            List.of(
                "application/sparql-results+json",
                "text/csv",
                "text/turtle",
                "application/ld+json"));
    SparqlOutcome<?> r =
        sparql.execute(
            data.consumeBoolean() ? TestRegistry.auditor() : TestRegistry.partner(TestRegistry.ICB),
            new SparqlRequest(data.consumeRemainingAsString(), null, null, List.of(accept)));
    assertThat(r).isNotNull();
  }

  static final List<String> FACETS =
      List.of(
          "publisher",
          "sector",
          "theme",
          "personalDataCategory",
          "specialCategoryData",
          "sharingCondition",
          "requiredAssurance");

  @FuzzTest(maxDuration = "60s")
  void searchParameters_endInResultsOrARefusal(FuzzedDataProvider data) throws Exception {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    int n = data.consumeInt(0, 3);
    for (int i = 0; i < n; i++) {
      String facet = data.consumeBoolean() ? data.pickValue(FACETS) : data.consumeString(20);
      filters.put(facet, List.of(data.consumeString(40)));
    }
    int page = data.consumeInt();
    int size = data.consumeInt();
    var r =
        registry()
            .registry
            .search()
            .search(
                TestRegistry.partner(TestRegistry.ICB),
                new SearchRequest(data.consumeRemainingAsString(), filters, page, size));
    assertThat(r).isNotNull();
  }

  @FuzzTest(maxDuration = "60s")
  void identifiersInIris_endInADescriptionOrARefusal(FuzzedDataProvider data) throws Exception {
    String kind =
        data.pickValue(List.of("organisation", "dataset", "agreement", data.consumeString(12)));
    var r =
        registry()
            .registry
            .linkedData()
            .describe(
                data.consumeBoolean()
                    ? TestRegistry.auditor()
                    : TestRegistry.partner(TestRegistry.ICB),
                kind,
                data.consumeRemainingAsString());
    assertThat(r).isNotNull();
  }
}

package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One disclosure model: random datasets (discoverable or hidden) and random agreements (drafts,
 * submitted, changes requested, rejected, approved, amendments of agreements in force) are made,
 * then everything the public can reach is compared. The public register (JSON and HTML), the DCAT
 * catalogue, the linked-data IRIs and SPARQL show the same agreements and datasets, and none that
 * is hidden, drafted or refused.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DisclosureTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  static final String ICB = "northshire-integrated-care-board";
  static final String COUNCIL = "northshire-county-council";
  static final String TRUST = "northshire-nhs-foundation-trust";
  static final String BASE = "http://localhost:8080/id/";

  @Autowired MockMvc mvc;
  @Autowired Registry registry;
  final ObjectMapper json = new ObjectMapper();

  static Actor partner(String org) {
    return new Actor("p-" + org, "partner." + org, Optional.of(org), Set.of(Actor.Role.PARTNER));
  }

  static Actor dpo(String org) {
    return new Actor("d-" + org, "dpo." + org, Optional.of(org), Set.of(Actor.Role.DPO));
  }

  String text(String path, String accept) throws Exception {
    var r = mvc.perform(get(path).header("Accept", accept)).andReturn().getResponse();
    assertThat(r.getStatus()).as(path).isEqualTo(200);
    return r.getContentAsString();
  }

  int status(String path) throws Exception {
    return mvc.perform(get(path).header("Accept", "text/turtle"))
        .andReturn()
        .getResponse()
        .getStatus();
  }

  Set<String> sparql(String query) throws Exception {
    String body =
        mvc.perform(
                post("/sparql")
                    .contentType("application/sparql-query")
                    .header("Accept", "application/sparql-results+json")
                    .content(query))
            .andReturn()
            .getResponse()
            .getContentAsString();
    Set<String> out = new TreeSet<>();
    json.readTree(body).at("/results/bindings").forEach(b -> out.add(b.at("/x/value").asText()));
    return out;
  }

  @Test
  void everyPublicView_showsTheSameAgreementsAndDatasets_andNothingHidden() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    String dataset = registry.catalog().list(partner(ICB)).get(0).id();
    List<String> hiddenTitles = new ArrayList<>();

    // random datasets of the council, some hidden
    for (int i = 0; i < 8; i++) {
      boolean discoverable = random.nextBoolean();
      Dataset template = registry.catalog().find(dataset).orElseThrow();
      Dataset d =
          new Dataset(
              "random-dataset-" + i,
              COUNCIL,
              "Random dataset " + i + (discoverable ? " shown" : " hidden"),
              template.description(),
              template.themes(),
              template.keywords(),
              template.personalDataCategories(),
              template.dataSubjectCategories(),
              template.specialCategoryData(),
              template.criminalOffenceData(),
              template.dataItems(),
              discoverable,
              template.sharingConditions(),
              template.requiredAssurance());
      registry.catalog().create(partner(COUNCIL), d).orElseThrow();
      if (!discoverable) {
        hiddenTitles.add(d.title());
      }
    }
    // random agreements in random non-public and public states
    for (int i = 0; i < 8; i++) {
      String id = "dsa-random-" + i;
      String title = "Random agreement " + i;
      Map<String, Object> fields =
          new java.util.LinkedHashMap<>(
              ApiFlowIntegrationTest.fields(
                  dataset, registry.catalog().find(dataset).orElseThrow().dataItems(), true));
      fields.put("title", title);
      AgreementContent c =
          new AgreementContent(
              fields,
              List.of(
                  ApiFlowIntegrationTest.party(ICB),
                  ApiFlowIntegrationTest.party(COUNCIL),
                  ApiFlowIntegrationTest.party(TRUST)));
      var a = registry.agreements();
      TestRegistry.draft(a, partner(ICB), Optional.of(id), c).orElseThrow();
      String hash = "";
      int steps = random.nextInt(5);
      if (steps >= 1) {
        a.submit(partner(ICB), id).orElseThrow();
        hash = a.version(partner(ICB), id, 1).orElseThrow().contentHash();
      }
      if (steps == 2) {
        a.decide(dpo(TRUST), id, 1, hash, Outcome.REQUEST_CHANGES, Optional.of("more"))
            .orElseThrow();
      }
      if (steps == 3) {
        a.decide(dpo(TRUST), id, 1, hash, Outcome.REJECT, Optional.of("no")).orElseThrow();
      }
      if (steps == 4) {
        for (String org : List.of(ICB, COUNCIL, TRUST)) {
          a.decide(dpo(org), id, 1, hash, Outcome.APPROVE, Optional.empty()).orElseThrow();
        }
      }
      if (steps != 4) {
        hiddenTitles.add(title);
      }
    }
    // an amendment of an agreement in force, with a title the public must not see yet
    var a = registry.agreements();
    a.amend(partner(ICB), "dsa-hospital-discharge").orElseThrow();
    AgreementView amending = a.get(partner(ICB), "dsa-hospital-discharge").orElseThrow();
    Map<String, Object> amended = new java.util.LinkedHashMap<>(amending.content().fields());
    amended.put("title", "Secret amendment title");
    a.updateDraft(
            partner(ICB),
            "dsa-hospital-discharge",
            new AgreementContent(amended, amending.content().parties()))
        .orElseThrow();
    hiddenTitles.add("Secret amendment title");

    // the rule: agreements of public status; datasets not hidden
    Set<String> publicAgreements = new TreeSet<>();
    registry.agreements().list(Actor.system()).stream()
        .filter(s -> s.status().isPublic())
        .forEach(s -> publicAgreements.add(s.id()));
    Set<String> publicDatasets = new TreeSet<>();
    registry.catalog().all().stream()
        .filter(d -> !Boolean.FALSE.equals(d.discoverable()))
        .forEach(d -> publicDatasets.add(d.id()));
    assertThat(publicAgreements).as("seed " + seed).isNotEmpty();

    // the register, JSON and HTML
    Set<String> registerJson = new TreeSet<>();
    JsonNode register = json.readTree(text("/api/register", "application/json"));
    register.forEach(e -> registerJson.add(e.get("id").asText()));
    assertThat(registerJson).as("register JSON, seed " + seed).isEqualTo(publicAgreements);
    String registerHtml = text("/register", "text/html");
    for (var s : registry.agreements().list(Actor.system())) {
      assertThat(
              registerHtml.contains("/agreement/" + s.id() + "\"") || registerHtml.contains(s.id()))
          .as("register HTML lists " + s.id() + ", seed " + seed)
          .isEqualTo(publicAgreements.contains(s.id()));
    }

    // the catalogue (every page)
    Graph catalog = GraphFactory.createDefaultGraph();
    RDFParser.fromString(text("/catalog?page=1&size=1000", "text/turtle"), Lang.TURTLE)
        .parse(catalog);
    Set<String> catalogued = new TreeSet<>();
    catalog
        .find(null, RDF.type.asNode(), DCAT.Dataset.asNode())
        .forEachRemaining(
            t -> catalogued.add(t.getSubject().getURI().substring((BASE + "dataset/").length())));
    assertThat(catalogued).as("catalogue, seed " + seed).isEqualTo(publicDatasets);

    // linked data: every agreement and dataset IRI answers exactly for the public ones
    for (var s : registry.agreements().list(Actor.system())) {
      assertThat(status("/id/agreement/" + s.id()) == 200)
          .as("/id/agreement/" + s.id() + ", seed " + seed)
          .isEqualTo(publicAgreements.contains(s.id()));
    }
    for (Dataset d : registry.catalog().all()) {
      assertThat(status("/id/dataset/" + d.id()) == 200)
          .as("/id/dataset/" + d.id() + ", seed " + seed)
          .isEqualTo(publicDatasets.contains(d.id()));
    }

    // SPARQL, anonymous: the catalogue's datasets; no agreement graph at all
    Set<String> viaSparql = new TreeSet<>();
    sparql(
            "SELECT ?x WHERE { GRAPH <https://w3id.org/dsr/graph/catalog> { ?d a <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/identifier> ?x } }")
        .forEach(viaSparql::add);
    assertThat(viaSparql).as("SPARQL datasets, seed " + seed).isEqualTo(publicDatasets);

    // nothing hidden appears anywhere the public can look: titles, nor a hidden dataset's IRI
    registry.catalog().all().stream()
        .filter(d -> Boolean.FALSE.equals(d.discoverable()))
        .forEach(d -> hiddenTitles.add("/dataset/" + d.id() + ">"));
    Predicate<String> leaks = body -> hiddenTitles.stream().anyMatch(body::contains);
    for (String path :
        List.of(
            "/api/register",
            "/register",
            "/catalog?page=1&size=1000",
            "/api/register?format=csv")) {
      assertThat(leaks.test(text(path, path.startsWith("/catalog") ? "text/turtle" : "*/*")))
          .as(path + " shows nothing hidden, seed " + seed)
          .isFalse();
    }
    for (String id : publicAgreements) {
      assertThat(leaks.test(text("/id/agreement/" + id, "text/turtle")))
          .as("/id/agreement/" + id + " shows nothing hidden, seed " + seed)
          .isFalse();
    }
  }
}

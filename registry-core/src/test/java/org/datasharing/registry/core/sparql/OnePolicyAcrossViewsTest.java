package org.datasharing.registry.core.sparql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.datasharing.registry.core.agreement.AgreementPolicy;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.catalog.DatasetVisibility;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.search.SearchRequest;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One policy, every view: for each sample agreement and dataset and each kind of caller (staff and
 * DPOs of every organisation, an organisation member without a registry role, auditors, the
 * administrator, the public), the service, the list of agreements, the SPARQL view, the catalogue
 * and search give the same answer to "may this caller see it".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnePolicyAcrossViewsTest {
  @TempDir static Path dir;
  TestRegistry t;
  SparqlService sparql;
  final Map<String, Actor> actors = new LinkedHashMap<>();

  @BeforeAll
  void setUp() {
    t = new TestRegistry(dir);
    sparql = new SparqlService(t.store, t.registry.ids(), SparqlLimits.DEFAULTS);
    actors.put("public", DatasetVisibility.PUBLIC);
    actors.put("auditor", TestRegistry.auditor());
    actors.put("admin", TestRegistry.admin());
    for (var o : t.registry.organisations().list()) {
      actors.put("partner of " + o.id(), TestRegistry.partner(o.id()));
      actors.put("dpo of " + o.id(), TestRegistry.dpo(o.id()));
      actors.put(
          "member without role of " + o.id(),
          new Actor("sub-" + o.id(), "norole", Optional.of(o.id()), Set.of()));
    }
  }

  @AfterAll
  void tearDown() {
    t.close();
  }

  boolean sparqlSeesGraph(Actor actor, String graph) {
    var q = sparql.parse("ASK { GRAPH <" + graph + "> { ?s ?p ?o } }").value();
    return ((Answer.Bool) sparql.evaluate(actor, q).value()).value();
  }

  @Test
  void whoSeesAnAgreement_isTheSameInTheService_theList_andSparql() {
    List<String> disagreements = new ArrayList<>();
    List<AgreementView.Summary> all = t.registry.agreements().list(TestRegistry.auditor());
    assertThat(all).hasSizeGreaterThan(5);
    for (var actor : actors.entrySet()) {
      Set<String> listed = new TreeSet<>();
      t.registry.agreements().list(actor.getValue()).forEach(s -> listed.add(s.id()));
      for (AgreementView.Summary s : all) {
        boolean service = t.registry.agreements().get(actor.getValue(), s.id()).ok();
        boolean list = listed.contains(s.id());
        boolean sparqlView = sparqlSeesGraph(actor.getValue(), s.iri());
        if (service != list || service != sparqlView) {
          disagreements.add(
              actor.getKey()
                  + " / "
                  + s.id()
                  + ": service "
                  + service
                  + ", list "
                  + list
                  + ", sparql "
                  + sparqlView);
        }
        if (service) {
          assertThat(
                  t.registry
                      .agreements()
                      .get(actor.getValue(), s.id())
                      .orElseThrow()
                      .can(AgreementPolicy.Action.SEE))
              .isTrue();
        }
      }
    }
    assertThat(disagreements).isEmpty();
  }

  @Test
  void whoSeesADataset_isTheSameInTheCatalogue_search_andSparql() {
    List<String> disagreements = new ArrayList<>();
    List<Dataset> all = t.registry.catalog().all();
    assertThat(all).anyMatch(d -> Boolean.FALSE.equals(d.discoverable()));
    for (var actor : actors.entrySet()) {
      Set<String> catalogue = new TreeSet<>();
      t.registry.catalog().list(actor.getValue()).forEach(d -> catalogue.add(d.id()));
      Set<String> searched = new TreeSet<>();
      var page =
          t.registry
              .search()
              .search(actor.getValue(), new SearchRequest(null, Map.of(), 1, 100))
              .orElseThrow();
      page.items().forEach(i -> searched.add(i.dataset().id()));
      var q =
          sparql
              .parse(
                  "SELECT ?id WHERE { GRAPH <https://w3id.org/dsr/graph/catalog> { ?d a"
                      + " <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/identifier>"
                      + " ?id } }")
              .value();
      Set<String> viaSparql = new TreeSet<>();
      ((Answer.Rows) sparql.evaluate(actor.getValue(), q).value())
          .rows()
          .forEach(b -> viaSparql.add(b.get("id").getLiteralLexicalForm()));
      Set<String> rule = new TreeSet<>();
      all.stream()
          .filter(d -> DatasetVisibility.visible(actor.getValue(), d))
          .forEach(d -> rule.add(d.id()));
      for (var view :
          Map.of("catalogue", catalogue, "search", searched, "sparql", viaSparql).entrySet()) {
        if (!view.getValue().equals(rule)) {
          disagreements.add(actor.getKey() + ": " + view.getKey() + " " + view.getValue());
        }
      }
    }
    assertThat(disagreements).isEmpty();
  }
}

package org.datasharing.registry.core.linkeddata;

import org.apache.jena.graph.Graph;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.audit.ResourceWriter;
import org.datasharing.registry.core.catalog.CatalogService;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Slugs;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * The RDF behind each linked-data IRI {@code {base}{organisation,dataset,agreement}/{id}}, as the
 * actor may see it.
 */
public final class LinkedData {
  private final Ids ids;
  private final CatalogService catalog;
  private final AgreementService agreements;
  private final ResourceWriter reader;

  public LinkedData(
      Ids ids, CatalogService catalog, AgreementService agreements, ResourceWriter reader) {
    this.ids = ids;
    this.catalog = catalog;
    this.agreements = agreements;
    this.reader = reader;
  }

  public Result<Graph> describe(Actor actor, String kind, String id) {
    if (!Slugs.isValid(id)) {
      return Result.notFound("No " + kind + " " + id);
    }
    return switch (kind) {
      case "organisation" ->
          nonEmpty(reader.describe(Graphs.ORGANISATIONS_NODE, ids.organisation(id)), kind, id);
      case "dataset" -> {
        java.util.Optional<Dataset> visible = catalog.get(actor, id);
        yield visible.isEmpty()
            ? Result.notFound("No dataset " + id)
            : nonEmpty(reader.describe(Graphs.CATALOG_NODE, ids.dataset(id)), kind, id);
      }
      case "agreement" -> agreements.describe(actor, id);
      default -> Result.notFound("No such kind of resource: " + kind);
    };
  }

  private static Result<Graph> nonEmpty(Graph g, String kind, String id) {
    return g.isEmpty() ? Result.notFound("No " + kind + " " + id) : Result.ok(g);
  }
}

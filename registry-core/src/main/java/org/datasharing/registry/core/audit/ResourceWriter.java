package org.datasharing.registry.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.compose.Union;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.Guard;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.validation.ShapeValidator;

/**
 * Creates or replaces one described resource (with the resources minted under its IRI) in a named
 * graph: validated against the shapes first, then one guarded, audited commit.
 */
public final class ResourceWriter {
  private final RegistryStore store;
  private final ShapeValidator validator;
  private final AuditLog audit;

  public ResourceWriter(RegistryStore store, ShapeValidator validator, AuditLog audit) {
    this.store = store;
    this.validator = validator;
    this.audit = audit;
  }

  /** The resource's current description. */
  public Graph describe(Node graph, Node resource) {
    return store.construct(Queries.bind("resource-tree", Map.of("g", graph, "r", resource)));
  }

  /**
   * Writes the description. {@code create} demands the resource is new; otherwise it must exist.
   * {@code context} is added to the validation data (reference terms, organisations).
   */
  public Result<Node> write(
      Actor actor,
      Node graph,
      Node resource,
      Node type,
      Graph description,
      boolean create,
      Graph context,
      Node action) {
    return write(actor, graph, resource, type, description, create, context, action, List.of());
  }

  /** As above, with more guards that must hold when the change commits (e.g. the stored owner). */
  public Result<Node> write(
      Actor actor,
      Node graph,
      Node resource,
      Node type,
      Graph description,
      boolean create,
      Graph context,
      Node action,
      List<Guard> extra) {
    List<Violation> violations = new ArrayList<>();
    validator.illegalText(description).stream()
        .map(r -> new Violation(r.field(), r.message()))
        .forEach(violations::add);
    validator.violations(new Union(description, context), ShapeValidator.Result::field).stream()
        .filter(v -> !violations.contains(v))
        .forEach(violations::add);
    if (!violations.isEmpty()) {
      return Result.invalid("Correct the fields listed", violations);
    }
    Graph old =
        create
            ? org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph()
            : describe(graph, resource);
    if (!create && old.isEmpty()) {
      return Result.notFound("No such resource: " + resource.getURI());
    }
    List<Quad> remove = new ArrayList<>();
    old.find().forEachRemaining(t -> remove.add(new Quad(graph, t)));
    List<Quad> add = new ArrayList<>();
    description.find().forEachRemaining(t -> add.add(new Quad(graph, t)));
    Guard guard =
        create
            ? Guard.absent(graph, resource, RDF.type.asNode(), Node.ANY)
            : Guard.exists(graph, resource, RDF.type.asNode(), type);
    List<Guard> guards = new ArrayList<>(extra);
    guards.add(guard);
    Change change =
        new Change(
                guards,
                remove,
                add,
                audit.appender(
                    audit.eventAbout(
                        action,
                        actor,
                        resource,
                        AuditLog.sha256Hex(description),
                        create ? "created" : "updated")))
            .about(List.of(resource));
    if (store.commit(change) == RegistryStore.CommitOutcome.CONFLICT) {
      return create
          ? Result.conflict(resource.getURI() + " already exists")
          : Result.conflict(resource.getURI() + " changed or was removed meanwhile; try again");
    }
    return Result.ok(resource);
  }
}

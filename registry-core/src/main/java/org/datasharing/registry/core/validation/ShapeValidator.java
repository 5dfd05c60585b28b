package org.datasharing.registry.core.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.vocabulary.SHACL;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.common.XmlText;
import org.datasharing.registry.ontology.vocab.DSR;

/**
 * Runs the registry's SHACL shapes and turns each result into a {@link Violation} named by the
 * field the shape declares ({@code dsr:fieldName}) with the shape's message for a DPO.
 */
public final class ShapeValidator {
  private final Graph shapesGraph;
  private final Shapes shapes;

  public ShapeValidator(Graph shapesGraph) {
    this.shapesGraph = shapesGraph;
    this.shapes = Shapes.parse(shapesGraph);
  }

  /** One SHACL result, before its field is put in context. */
  public record Result(Node focus, String field, String message) {}

  public List<Result> validate(Graph data) {
    ValidationReport report = ShaclValidator.get().validate(shapes, data);
    List<Result> out = new ArrayList<>();
    for (ReportEntry e : report.getEntries()) {
      String field =
          annotation(e.source(), DSR.fieldName.asNode())
              .orElseGet(
                  () -> e.resultPath() == null ? "(record)" : localName(e.resultPath().toString()));
      String message =
          annotation(e.source(), SHACL.message)
              .orElseGet(() -> Optional.ofNullable(e.message()).orElse("This field is not valid"));
      out.add(new Result(e.focusNode(), field, message));
    }
    return out;
  }

  /**
   * One result per subject and property whose text XML 1.0 cannot carry (control characters,
   * non-characters, lone surrogates), named by the field the shapes give that property. SHACL's
   * {@code sh:pattern} would need a shape on every literal property; this covers them all.
   */
  public List<Result> illegalText(Graph description) {
    List<Result> out = new ArrayList<>();
    description
        .find()
        .forEachRemaining(
            t -> {
              Node o = t.getObject();
              if (o.isLiteral() && !XmlText.isLegal(o.getLiteralLexicalForm())
                  || o.isURI() && !XmlText.isLegal(o.getURI())) {
                Result r = new Result(t.getSubject(), fieldOf(t.getPredicate()), XmlText.MESSAGE);
                if (!out.contains(r)) {
                  out.add(r);
                }
              }
            });
    return out;
  }

  /** The field name a shape gives the property, or the property's local name. */
  private String fieldOf(Node property) {
    var shapes = shapesGraph.find(Node.ANY, SHACL.path, property);
    while (shapes.hasNext()) {
      Optional<String> name = annotation(shapes.next().getSubject(), DSR.fieldName.asNode());
      if (name.isPresent()) {
        return name.get();
      }
    }
    return property.isURI() ? localName(property.getURI()) : "(record)";
  }

  /** Violations with fields put in context by the caller (e.g. which party). */
  public List<Violation> violations(Graph data, Function<Result, String> fieldInContext) {
    return validate(data).stream()
        .map(r -> new Violation(fieldInContext.apply(r), r.message()))
        .distinct()
        .toList();
  }

  public Graph shapesGraph() {
    return shapesGraph;
  }

  private Optional<String> annotation(Node shape, Node property) {
    if (shape == null) {
      return Optional.empty();
    }
    var it = shapesGraph.find(shape, property, Node.ANY);
    while (it.hasNext()) {
      Node o = it.next().getObject();
      if (o.isLiteral()) {
        return Optional.of(o.getLiteralLexicalForm());
      }
    }
    return Optional.empty();
  }

  private static String localName(String path) {
    String p = path.replaceAll("[<>]", "");
    int i = Math.max(p.lastIndexOf('#'), p.lastIndexOf('/'));
    return i >= 0 ? p.substring(i + 1) : p;
  }
}

package org.datasharing.registry.core.validation;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.shacl.vocabulary.SHACL;

/**
 * The shapes' {@code sh:maxLength} per property, for writes that are not validated as a whole
 * (agreement drafts are incomplete until they are submitted) but must not store more text than the
 * shapes allow. The limits stay in the shapes: this only reads them.
 */
public final class TextLimits {
  /** A property's largest length and the shape's message for text over it. */
  public record Limit(int maxLength, String message) {}

  private final Map<Node, Limit> limits;

  private TextLimits(Map<Node, Limit> limits) {
    this.limits = Map.copyOf(limits);
  }

  public static TextLimits of(Graph shapes) {
    Map<Node, Limit> limits = new HashMap<>();
    shapes
        .find(Node.ANY, SHACL.maxLength, Node.ANY)
        .forEachRemaining(
            t -> {
              Node shape = t.getSubject();
              var paths = shapes.find(shape, SHACL.path, Node.ANY).toList();
              var messages = shapes.find(shape, SHACL.message, Node.ANY).toList();
              if (paths.size() != 1 || !t.getObject().isLiteral()) {
                return;
              }
              int max = Integer.parseInt(t.getObject().getLiteralLexicalForm());
              String message =
                  messages.isEmpty()
                      ? "Shorten this to at most " + max + " characters"
                      : messages.get(0).getObject().getLiteralLexicalForm();
              limits.merge(
                  paths.get(0).getObject(),
                  new Limit(max, message),
                  (a, b) -> a.maxLength() <= b.maxLength() ? a : b);
            });
    return new TextLimits(limits);
  }

  /** The limit the text breaks, if any. */
  public Optional<Limit> exceeded(Node property, String text) {
    Limit limit = limits.get(property);
    // counted in UTF-16 units, like Java's (and Jena's) String.length()
    return limit != null && text.length() > limit.maxLength()
        ? Optional.of(limit)
        : Optional.empty();
  }
}

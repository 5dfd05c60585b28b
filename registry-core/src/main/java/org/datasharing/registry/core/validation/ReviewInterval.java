package org.datasharing.registry.core.validation;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.shacl.vocabulary.SHACL;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * The longest interval between an agreement's start and its review, and between reviews: one
 * setting. The shapes hold its default ({@code dsrsh:ReviewWithinAYearRule}, one year, the ICO's
 * "review regularly"); a deployment may set another (Ireland's Data Sharing and Governance Act 2019
 * allows five years at most), and {@link #applyTo} writes it into that rule's query and messages,
 * so the shape at submit and the review decisions in Java hold agreements to the same interval.
 */
public final class ReviewInterval {
  /** The rule whose query and messages carry the interval. */
  static final String RULE = "https://w3id.org/dsr/shapes#ReviewWithinAYearRule";

  private static final Pattern VALUE =
      Pattern.compile("VALUES \\?maxReviewInterval \\{ \"(P[0-9YM]+)\"");

  private ReviewInterval() {}

  /** The interval the shapes hold: their default. */
  public static Period of(Graph shapes) {
    Matcher m = VALUE.matcher(query(shapes).getLiteralLexicalForm());
    if (!m.find()) {
      throw new IllegalStateException("The review interval rule has no maxReviewInterval value");
    }
    return Period.parse(m.group(1));
  }

  /**
   * The shapes with the interval in the rule's query and messages. Whole years and months only (an
   * {@code xsd:yearMonthDuration}), at least one month.
   */
  public static Graph applyTo(Graph shapes, Period interval) {
    if (interval.getDays() != 0 || interval.isNegative() || interval.toTotalMonths() < 1) {
      throw new IllegalArgumentException(
          "The longest review interval must be whole years or months, at least P1M, not "
              + interval);
    }
    Period was = of(shapes);
    Graph out = GraphFactory.createDefaultGraph();
    List<Triple> changed = new ArrayList<>();
    shapes
        .find()
        .forEachRemaining(
            t -> {
              boolean ours = t.getSubject().isURI() && t.getSubject().getURI().startsWith(RULE);
              if (ours && t.getObject().isLiteral()) {
                String text = t.getObject().getLiteralLexicalForm();
                String now =
                    text.replace(
                            "\"" + was.normalized() + "\"", "\"" + interval.normalized() + "\"")
                        .replace("\"" + was + "\"", "\"" + interval.normalized() + "\"")
                        .replace(words(was), words(interval));
                Node o =
                    t.getObject().getLiteralLanguage().isEmpty()
                        ? NodeFactory.createLiteralDT(now, t.getObject().getLiteralDatatype())
                        : NodeFactory.createLiteralLang(now, t.getObject().getLiteralLanguage());
                changed.add(Triple.create(t.getSubject(), t.getPredicate(), o));
              } else {
                out.add(t);
              }
            });
    changed.forEach(out::add);
    return out;
  }

  /** "one year", "five years", "18 months": as the rule's messages say it. */
  static String words(Period p) {
    Period n = p.normalized();
    if (n.getMonths() == 0) {
      return n.getYears() == 1 ? "one year" : count(n.getYears()) + " years";
    }
    long months = n.toTotalMonths();
    return months == 1 ? "one month" : months + " months";
  }

  private static String count(int n) {
    String[] small = {
      "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"
    };
    return n < small.length ? small[n] : Integer.toString(n);
  }

  private static Node query(Graph shapes) {
    return shapes
        .find(NodeFactory.createURI(RULE + "-sparql"), SHACL.select, Node.ANY)
        .toList()
        .stream()
        .findFirst()
        .map(Triple::getObject)
        .orElseThrow(() -> new IllegalStateException("No review interval rule in the shapes"));
  }
}

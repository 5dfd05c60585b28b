package org.datasharing.registry.core.sparql;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.expr.ExprException;
import org.apache.jena.sparql.modify.request.UpdateLoad;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;

/** Turns query text into a query this endpoint runs, or says what is wrong with it and where. */
final class SparqlParser {
  private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");

  private final String base;
  private final int maxQueryBytes;
  private final QueryComplexity complexity;

  SparqlParser(String base, SparqlLimits limits) {
    this.base = base;
    this.maxQueryBytes = limits.maxQueryBytes();
    this.complexity = new QueryComplexity(limits.maxDepth(), limits.maxRegexLength());
  }

  /**
   * Parses a query (relative IRIs resolve against the registry's base, as in the sample data) and
   * refuses what this endpoint does not run: updates, {@code LOAD}, {@code SERVICE}, JSON queries,
   * and queries too complex to run safely ({@link QueryComplexity}).
   */
  SparqlOutcome<Query> parse(String text) {
    if (text.getBytes(UTF_8).length > maxQueryBytes) {
      return SparqlOutcome.failed(
          SparqlProblem.Kind.TOO_LARGE, "The query is longer than " + maxQueryBytes + " bytes");
    }
    if (text.isBlank()) {
      return SparqlOutcome.failed(SparqlProblem.Kind.SYNTAX, "The query is empty");
    }
    Optional<String> tooDeep = complexity.checkText(text);
    if (tooDeep.isPresent()) {
      return SparqlOutcome.failed(SparqlProblem.Kind.TOO_COMPLEX, tooDeep.get());
    }
    Query query;
    try {
      query = QueryFactory.create(text, base, Syntax.syntaxARQ);
    } catch (StackOverflowError e) {
      return tooComplex();
    } catch (ExprException e) {
      // the parser compiles constant REGEX / REPLACE patterns as it builds them
      return SparqlOutcome.failed(
          SparqlProblem.Kind.SYNTAX, "The query does not parse: " + firstLine(e.getMessage()));
    } catch (QueryParseException e) {
      Optional<String> update = refusedUpdate(text);
      if (update.isPresent()) {
        return SparqlOutcome.failed(SparqlProblem.Kind.REFUSED, update.get());
      }
      return SparqlOutcome.failed(syntaxError(e));
    }
    Optional<String> complex;
    try {
      complex = complexity.checkQuery(query);
    } catch (StackOverflowError e) {
      return tooComplex();
    }
    if (complex.isPresent()) {
      return SparqlOutcome.failed(SparqlProblem.Kind.TOO_COMPLEX, complex.get());
    }
    if (ServiceCheck.usesService(query)) {
      return SparqlOutcome.failed(
          SparqlProblem.Kind.REFUSED,
          "SERVICE is refused: a query here may not call other SPARQL endpoints");
    }
    if (query.isJsonType()) {
      return SparqlOutcome.failed(
          SparqlProblem.Kind.REFUSED, "JSON queries are not supported; use SELECT");
    }
    return SparqlOutcome.ok(query);
  }

  private static String firstLine(String message) {
    return String.valueOf(message).lines().findFirst().orElse("");
  }

  // the text's brackets are checked first, so this is a last line of defence
  private static <T> SparqlOutcome<T> tooComplex() {
    return SparqlOutcome.failed(
        SparqlProblem.Kind.TOO_COMPLEX,
        "The query is too complex to run here: it is nested too deeply to parse");
  }

  /**
   * The parser's position of the error. For lexical errors Jena reports the last good token in the
   * exception's fields but the offending character in its message, so the message wins.
   */
  private static SparqlProblem syntaxError(QueryParseException e) {
    int line = e.getLine();
    int column = e.getColumn();
    Matcher m = POSITION.matcher(String.valueOf(e.getMessage()));
    if (m.find()) {
      line = Integer.parseInt(m.group(1));
      column = Integer.parseInt(m.group(2));
    }
    return new SparqlProblem(
        SparqlProblem.Kind.SYNTAX,
        "The query does not parse: " + e.getMessage(),
        line > 0 ? OptionalInt.of(line) : OptionalInt.empty(),
        column > 0 ? OptionalInt.of(column) : OptionalInt.empty());
  }

  private Optional<String> refusedUpdate(String text) {
    UpdateRequest update;
    try {
      update = UpdateFactory.create(text, base, Syntax.syntaxARQ);
    } catch (RuntimeException notAnUpdate) {
      return Optional.empty();
    }
    boolean load = update.getOperations().stream().anyMatch(UpdateLoad.class::isInstance);
    return Optional.of(
        load
            ? "LOAD is refused: this endpoint is read-only and never fetches data from elsewhere"
            : "SPARQL Update is refused: this endpoint is read-only; change data through the"
                + " registry's API");
  }
}

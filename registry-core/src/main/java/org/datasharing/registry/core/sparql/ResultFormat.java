package org.datasharing.registry.core.sparql;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.resultset.ResultsWriter;

/**
 * The formats the endpoint answers in, written by Jena's own result and RDF writers. SELECT and ASK
 * answers go out as SPARQL results (JSON by default); CONSTRUCT and DESCRIBE as RDF (Turtle by
 * default).
 */
public enum ResultFormat {
  SPARQL_JSON("application/sparql-results+json", ResultSetLang.RS_JSON, true, "application/json"),
  SPARQL_XML(
      "application/sparql-results+xml", ResultSetLang.RS_XML, true, "application/xml", "text/xml"),
  CSV("text/csv", ResultSetLang.RS_CSV, true),
  TSV("text/tab-separated-values", ResultSetLang.RS_TSV, true),
  TURTLE("text/turtle", Lang.TURTLE, false, "application/x-turtle"),
  JSON_LD("application/ld+json", Lang.JSONLD, false, "application/json"),
  N_TRIPLES("application/n-triples", Lang.NTRIPLES, false),
  RDF_XML("application/rdf+xml", Lang.RDFXML, false, "application/xml");

  private final String mediaType;
  private final Lang lang;
  private final boolean results;
  private final Set<String> aliases;

  ResultFormat(String mediaType, Lang lang, boolean results, String... aliases) {
    this.mediaType = mediaType;
    this.lang = lang;
    this.results = results;
    this.aliases = Set.of(aliases);
  }

  public String mediaType() {
    return mediaType;
  }

  /** Whether this format carries SPARQL results (SELECT, ASK) rather than RDF. */
  public boolean results() {
    return results;
  }

  /**
   * The first format, in the client's order of preference, that can carry answers of this kind;
   * wildcards ({@code *}{@code /*}, {@code text/*}) pick the first matching format here.
   */
  public static Optional<ResultFormat> choose(List<String> acceptable, boolean results) {
    if (acceptable.isEmpty()) {
      return Optional.of(results ? SPARQL_JSON : TURTLE);
    }
    for (String accepted : acceptable) {
      String type = accepted.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      for (ResultFormat f : values()) {
        if (f.results == results && f.matches(type)) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  private boolean matches(String type) {
    if (type.equals("*/*") || type.equals("*")) {
      return true;
    }
    if (type.endsWith("/*")) {
      return mediaType.startsWith(type.substring(0, type.length() - 1));
    }
    return mediaType.equals(type) || aliases.contains(type);
  }

  /** Serialises an answer of the matching kind. */
  byte[] write(Answer answer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (answer instanceof Answer.Rows r) {
      ResultsWriter.create()
          .lang(lang)
          .build()
          .write(out, RowSetStream.create(r.vars(), r.rows().iterator()));
    } else if (answer instanceof Answer.Bool b) {
      ResultsWriter.create().lang(lang).build().write(out, b.value());
    } else if (answer instanceof Answer.Triples t) {
      RDFWriter.source(t.graph()).lang(lang).output(out);
    }
    return out.toByteArray();
  }
}

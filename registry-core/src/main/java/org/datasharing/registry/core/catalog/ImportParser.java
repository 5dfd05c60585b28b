package org.datasharing.registry.core.catalog;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.lang.LangJSONLD11;
import org.apache.jena.riot.system.ErrorHandlerFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.Context;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;

/**
 * Parses an uploaded catalogue file without reaching outside the registry: a JSON-LD file's
 * {@code @context} must be inline, since nothing is fetched (no URL, no local file) during an
 * import. Errors come back in the registry's words, with the line where the parser gives one, never
 * the parser library's internals; input nested too deeply to parse is refused, not a crash.
 */
final class ImportParser {
  private ImportParser() {}

  static Result<Graph> parse(InputStream in, Lang lang, String base) {
    Graph g = GraphFactory.createDefaultGraph();
    List<String> refused = new ArrayList<>();
    org.apache.jena.riot.RDFParserBuilder parser =
        RDFParser.source(in)
            .lang(lang)
            .base(base)
            .errorHandler(ErrorHandlerFactory.errorHandlerStrict);
    if (RDFLanguages.sameLang(lang, Lang.JSONLD) || RDFLanguages.sameLang(lang, Lang.JSONLD11)) {
      JsonLdOptions options = new JsonLdOptions();
      options.setDocumentLoader(
          (URI url, com.apicatalog.jsonld.loader.DocumentLoaderOptions o) -> {
            refused.add(url.toString());
            throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, "not fetched");
          });
      parser.context(Context.create().set(LangJSONLD11.JSONLD_OPTIONS, options));
    }
    try {
      parser.parse(g);
    } catch (RiotException e) {
      if (!refused.isEmpty()) {
        return invalid(
            "The file's @context refers to <"
                + refused.get(0)
                + ">; the registry fetches nothing during an import, so put the context in the"
                + " file");
      }
      return invalid("The file is not valid " + lang.getLabel() + ": " + plain(e));
    } catch (StackOverflowError e) {
      return invalid("The file is nested too deeply to read; flatten it");
    }
    return Result.ok(g);
  }

  /** The parser's message without library internals. */
  private static String plain(RiotException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    if (m.isBlank()
        || m.endsWith(": null")
        || m.contains("Error[code=")
        || m.contains("Exception")) {
      return "it could not be read" + (m.contains("line") ? " (" + lineOf(m) + ")" : "");
    }
    return m;
  }

  private static String lineOf(String m) {
    java.util.regex.Matcher x = java.util.regex.Pattern.compile("line:? ?(\\d+)").matcher(m);
    return x.find() ? "line " + x.group(1) : "";
  }

  private static <T> Result<T> invalid(String message) {
    return Result.invalid(new Violation("file", message));
  }
}

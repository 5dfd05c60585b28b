package org.datasharing.registry.core.sparql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.syntaxtransform.ElementTransformCopyBase;
import org.apache.jena.sparql.syntax.syntaxtransform.ElementTransformer;

/**
 * The auditors' query pack: {@code .rq} files under {@code /queries/pack}, listed in order in
 * {@code index.txt}. Each file describes itself in its leading comments, so the text an auditor
 * opens in a SPARQL editor carries its own explanation:
 *
 * <pre>
 * # Title
 * #
 * # Description, over as many lines as it needs.
 * #
 * # Parameters (edit the VALUES rows):
 * #   ?name  what it means
 * </pre>
 *
 * Parameters are one-variable {@code VALUES} blocks at the top of the {@code WHERE} clause, with
 * defaults; {@link #query(String, Map)} replaces their rows.
 */
public final class QueryPack {
  private static final String FOLDER = "/queries/pack/";

  /** One parameter: a variable and what it means. */
  public record Parameter(String name, String description) {}

  /** One query of the pack. */
  public record Entry(
      String name, String title, String description, List<Parameter> parameters, String text) {
    public Entry {
      parameters = List.copyOf(parameters);
    }
  }

  private final List<Entry> entries;

  private QueryPack(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The pack shipped on the classpath; every query in it parses. */
  public static QueryPack load() {
    List<Entry> entries = new ArrayList<>();
    for (String name : index()) {
      String text = read(FOLDER + name + ".rq");
      QueryFactory.create(text, Syntax.syntaxARQ); // fail fast on a broken pack
      entries.add(describe(name, text));
    }
    return new QueryPack(entries);
  }

  public List<Entry> entries() {
    return entries;
  }

  public Optional<Entry> entry(String name) {
    return entries.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** The query as shipped, with its default parameter values. */
  public Query query(String name) {
    return query(name, Map.of());
  }

  /** The query with the rows of its parameters' VALUES blocks replaced by the given values. */
  public Query query(String name, Map<String, List<Node>> values) {
    Entry e = entry(name).orElseThrow(() -> new IllegalArgumentException("no pack query " + name));
    Query query = QueryFactory.create(e.text(), Syntax.syntaxARQ);
    if (values.isEmpty()) {
      return query;
    }
    Element pattern =
        ElementTransformer.transform(
            query.getQueryPattern(),
            new ElementTransformCopyBase() {
              @Override
              public Element transform(ElementData data) {
                if (data.getVars().size() != 1
                    || !values.containsKey(data.getVars().get(0).getVarName())) {
                  return data;
                }
                Var v = data.getVars().get(0);
                List<Binding> rows =
                    values.get(v.getVarName()).stream()
                        .map(n -> Binding.builder().add(v, n).build())
                        .toList();
                return new ElementData(List.of(v), rows);
              }
            });
    query.setQueryPattern(pattern);
    return query;
  }

  static Entry describe(String name, String text) {
    List<String> header = new ArrayList<>();
    for (String line : text.split("\\R")) {
      if (!line.startsWith("#")) {
        break;
      }
      header.add(line.substring(1).strip());
    }
    String title = header.isEmpty() ? name : header.get(0);
    StringBuilder description = new StringBuilder();
    List<Parameter> parameters = new ArrayList<>();
    boolean inParameters = false;
    for (String line : header.subList(Math.min(1, header.size()), header.size())) {
      if (line.startsWith("Parameters")) {
        inParameters = true;
      } else if (inParameters && line.startsWith("?")) {
        String[] parts = line.split("\\s+", 2);
        parameters.add(
            new Parameter(parts[0].substring(1), parts.length > 1 ? parts[1].strip() : ""));
      } else if (inParameters && !line.isEmpty() && !parameters.isEmpty()) {
        Parameter last = parameters.remove(parameters.size() - 1);
        parameters.add(new Parameter(last.name(), last.description() + " " + line));
      } else if (!inParameters && !line.isEmpty()) {
        description.append(description.length() == 0 ? "" : " ").append(line);
      }
    }
    return new Entry(name, title, description.toString(), parameters, text);
  }

  private static List<String> index() {
    return Arrays.stream(read(FOLDER + "index.txt").split("\\R"))
        .map(String::strip)
        .filter(s -> !s.isEmpty() && !s.startsWith("#"))
        .toList();
  }

  private static String read(String path) {
    try (InputStream in = QueryPack.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package org.datasharing.registry.core.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;

/**
 * The core's SPARQL, kept in {@code .rq} files under {@code /queries}; values are bound as nodes by
 * syntax transformation, never by string concatenation.
 */
public final class Queries {
  private static final Map<String, Query> CACHE = new ConcurrentHashMap<>();

  private Queries() {}

  /** The parsed query {@code /queries/{name}.rq}. */
  public static Query get(String name) {
    return CACHE.computeIfAbsent(name, Queries::load).cloneQuery();
  }

  /** The query with the named variables replaced by the given nodes. */
  public static Query bind(String name, Map<String, Node> values) {
    Map<Var, Node> vars = new HashMap<>();
    values.forEach((k, v) -> vars.put(Var.alloc(k), v));
    return QueryTransformOps.transform(get(name), vars);
  }

  /**
   * The query with a leading {@code VALUES ?var { ... }} block, so that each value is an index
   * lookup rather than a filter over a scan.
   */
  public static Query withValues(String name, String var, Collection<Node> values) {
    return withValues(get(name), var, values);
  }

  /** {@link #withValues(String, String, Collection)} for a query already loaded (and bound). */
  public static Query withValues(Query q, String var, Collection<Node> values) {
    Var v = Var.alloc(var);
    ElementData data = new ElementData();
    data.add(v);
    values.forEach(n -> data.add(BindingFactory.binding(v, n)));
    ElementGroup where = new ElementGroup();
    where.addElement(data);
    where.addElement(q.getQueryPattern());
    q.setQueryPattern(where);
    return q;
  }

  private static Query load(String name) {
    String path = "/queries/" + name + ".rq";
    try (InputStream in = Queries.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no query " + path);
      }
      return QueryFactory.create(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

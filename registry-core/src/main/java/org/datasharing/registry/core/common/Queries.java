package org.datasharing.registry.core.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.Var;
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

package org.datasharing.registry.core.common;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;

/**
 * The canonical form the registry hashes: sorted N-Triples of a blank-node-free graph (for such
 * graphs this equals RDFC-1.0's canonical N-Quads of the default graph), UTF-8, one line per
 * triple.
 */
public final class Canonical {
  private Canonical() {}

  public static byte[] bytes(Graph g) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RDFDataMgr.write(out, g, Lang.NTRIPLES);
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    Arrays.sort(lines);
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      if (!line.isBlank()) {
        sb.append(line).append('\n');
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The immutable text of an agreement version, as hashed: every triple of the agreement's graph
   * whose subject is the version IRI or a resource minted under it (parties, permissions).
   */
  public static Graph versionText(Graph agreementGraph, org.apache.jena.graph.Node version) {
    String prefix = version.getURI() + "/";
    Graph text = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
    agreementGraph
        .find()
        .forEachRemaining(
            t -> {
              var s = t.getSubject();
              if (s.equals(version) || (s.isURI() && s.getURI().startsWith(prefix))) {
                text.add(t);
              }
            });
    return text;
  }

  /** Hex SHA-256 of the canonical form. */
  public static String sha256Hex(Graph g) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(g)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

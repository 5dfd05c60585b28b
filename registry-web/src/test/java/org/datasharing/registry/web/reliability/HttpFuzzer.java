package org.datasharing.registry.web.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Generates HTTP requests from the OpenAPI document's operations: path variables, query parameters
 * and bodies that are sample values, their mutations, or hostile text (huge, nested, control and
 * astral characters, injections, wrong types), sometimes with the wrong content type. Seeded, so a
 * failing request can be replayed.
 */
final class HttpFuzzer {
  private final Random random;
  private final List<OpenApiOperations.Operation> operations;

  HttpFuzzer(Random random, List<OpenApiOperations.Operation> operations) {
    this.random = random;
    this.operations = operations.stream().filter(op -> !op.template().startsWith("/v3/")).toList();
  }

  Random random() {
    return random;
  }

  /** A generated request of an operation. */
  record Request(
      OpenApiOperations.Operation op, String method, String path, String contentType, String body) {
    boolean write() {
      return !method.equals("GET");
    }
  }

  static final List<String> HOSTILE =
      List.of(
          "",
          " ",
          "null",
          "-1",
          "0",
          "99999999999999999999",
          "1e309",
          "NaN",
          "true",
          "../../etc/passwd",
          "%00",
          "<script>alert(1)</script>",
          "' OR '1'='1",
          "\"; DROP GRAPH <x>; #",
          "} } INSERT DATA { <a:a> <a:a> <a:a> } #",
          "\\u0000",
          "\u0000\u0001\u001f",
          "\uD83D\uDE00\uD800",
          "\u202Eevil",
          "a".repeat(5000),
          "(((((((((((((((((((((x)))))))))))))))))))))",
          "/[a-z]+/",
          "x~2 AND y* OR \"z",
          "2026-02-30",
          "P-1Y",
          "http://evil.example/",
          "urn:x:y",
          "northshire-county-council",
          "dsa-high-intensity-use",
          "adult-social-care-client-index",
          "approve",
          "public-task",
          "direct-care");

  static final List<String> KEYS =
      List.of(
          "title",
          "version",
          "contentHash",
          "outcome",
          "reason",
          "purpose",
          "purposes",
          "datasets",
          "parties",
          "organisation",
          "lawfulBasis",
          "startDate",
          "endDate",
          "nextReviewDate",
          "id",
          "name",
          "role",
          "email",
          "username",
          "scheme",
          "validUntil",
          "differences",
          "publisher",
          "@context",
          "@id");

  Request next() {
    OpenApiOperations.Operation op = operations.get(random.nextInt(operations.size()));
    String path = path(op);
    StringBuilder query = new StringBuilder();
    for (String p : op.queryParams()) {
      if (random.nextInt(3) > 0) {
        query.append(query.isEmpty() ? '?' : '&').append(p).append('=').append(enc(text()));
      }
    }
    if (random.nextInt(10) == 0) {
      query.append(query.isEmpty() ? '?' : '&').append(enc(text())).append('=').append(enc(text()));
    }
    String body = null;
    String type = null;
    if (op.hasBody() || random.nextInt(20) == 0) {
      type = op.bodyType() == null ? "application/json" : op.bodyType();
      body = type.contains("json") ? json(0) : rdf();
      if (random.nextInt(15) == 0) {
        type =
            List.of("text/plain", "application/xml", "text/turtle", "application/json")
                .get(random.nextInt(4));
      }
    }
    return new Request(op, op.method(), path + query, type, body);
  }

  private String path(OpenApiOperations.Operation op) {
    String sample = op.samplePath();
    if (!op.template().contains("{") || random.nextInt(3) == 0) {
      return sample;
    }
    StringBuilder out = new StringBuilder();
    String[] segments = op.template().split("/");
    for (int i = 1; i < segments.length; i++) {
      out.append('/');
      if (segments[i].startsWith("{")) {
        String v = random.nextBoolean() ? sample.split("/")[i] : text();
        if (segments[i].equals("{username}")) {
          v = "fuzz-" + v; // never a sample user: removing one would break other tests' logins
        }
        out.append(enc(v.isEmpty() ? "x" : v));
      } else {
        out.append(segments[i]);
      }
    }
    return out.toString();
  }

  private String text() {
    String base = HOSTILE.get(random.nextInt(HOSTILE.size()));
    return switch (random.nextInt(4)) {
      case 0 -> base;
      case 1 -> mutate(base);
      case 2 -> base + HOSTILE.get(random.nextInt(HOSTILE.size()));
      default -> randomText(random.nextInt(40));
    };
  }

  private String mutate(String s) {
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits; i++) {
      int at = b.isEmpty() ? 0 : random.nextInt(b.length());
      switch (random.nextInt(3)) {
        case 0 -> b.insert(at, (char) random.nextInt(0x3000));
        case 1 -> {
          if (!b.isEmpty()) {
            b.deleteCharAt(at);
          }
        }
        default -> {
          if (!b.isEmpty()) {
            b.setCharAt(at, (char) (32 + random.nextInt(95)));
          }
        }
      }
    }
    return b.toString();
  }

  private String randomText(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) (random.nextInt(10) == 0 ? random.nextInt(0xFFFF) : 32 + random.nextInt(95)));
    }
    return b.toString();
  }

  private String json(int depth) {
    int kind = depth > 4 ? random.nextInt(4) : random.nextInt(7);
    return switch (kind) {
      case 0 -> quote(text());
      case 1 -> Long.toString(random.nextLong() % 1000);
      case 2 -> random.nextBoolean() ? "true" : "null";
      case 3 -> random.nextInt(30) == 0 ? "[".repeat(2000) : "1.5e" + random.nextInt(400);
      case 4 -> {
        StringBuilder b = new StringBuilder("[");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          b.append(i > 0 ? "," : "").append(json(depth + 1));
        }
        yield b.append(']').toString();
      }
      default -> {
        StringBuilder b = new StringBuilder("{");
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
          String key = random.nextInt(4) == 0 ? text() : KEYS.get(random.nextInt(KEYS.size()));
          b.append(i > 0 ? "," : "").append(quote(key)).append(':').append(json(depth + 1));
        }
        String s = b.append('}').toString();
        yield random.nextInt(25) == 0 ? s.substring(0, random.nextInt(s.length())) : s;
      }
    };
  }

  private String rdf() {
    List<String> docs =
        List.of(
            "@prefix dcat: <http://www.w3.org/ns/dcat#> . <http://localhost:8080/id/dataset/fuzz> a dcat:Dataset .",
            "<a:b> <a:c> \"" + text().replace("\"", "") + "\" .",
            "GRAPH <http://localhost:8080/id/graph/catalog> { <a:b> <a:c> <a:d> }",
            "{\"@context\": {\"@vocab\": \"http://www.w3.org/ns/dcat#\"}, \"@id\": \""
                + text()
                + "\"}",
            "@prefix : <" + text() + "> . :a :b :c .",
            "<a:b> <a:c> " + "(".repeat(500) + ")".repeat(500) + " .");
    String d = docs.get(random.nextInt(docs.size()));
    return random.nextInt(3) == 0 ? mutate(d) : d;
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static final Pattern LEAK =
      Pattern.compile(
          "(\\bat (org|java|jdk|sun|com)\\.[\\w.$]+\\()|(\\b(java|org\\.apache|org\\.springframework|org\\.datasharing|tools\\.jackson)\\.[\\w.]*(Exception|Error)\\b)|Caused by:");

  /** A stack trace or an exception's class name in a body. */
  static boolean leaks(String body) {
    return body != null && LEAK.matcher(body).find();
  }
}

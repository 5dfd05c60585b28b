package org.datasharing.registry.web.reliability;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations the registry's OpenAPI document ({@code /v3/api-docs}) describes, with the sample
 * data's identifiers filled into their paths: what the fault, authorisation and fuzz tests walk, so
 * a new endpoint is walked (and must have a row) without anyone listing it by hand.
 */
public record OpenApiOperations(List<Operation> operations) {

  /** One operation: method, path template, its query parameters and whether it takes a body. */
  public record Operation(
      String method, String template, List<String> queryParams, boolean hasBody, String bodyType) {

    /** {@code METHOD /template}, the key of the tables that describe operations. */
    public String key() {
      return method + " " + template;
    }

    /** The path with the sample data's identifiers in place of its variables. */
    public String samplePath() {
      StringBuilder out = new StringBuilder();
      String[] segments = template.split("/");
      for (int i = 1; i < segments.length; i++) {
        String s = segments[i];
        out.append('/');
        if (s.startsWith("{")) {
          out.append(SAMPLE.getOrDefault(segments[i - 1] + "/" + s, "1"));
        } else {
          out.append(s);
        }
      }
      return out.toString();
    }
  }

  /** A sample value for each path variable, by the segment before it. */
  static final Map<String, String> SAMPLE =
      Map.ofEntries(
          Map.entry("agreements/{id}", "dsa-high-intensity-use"),
          Map.entry("parties/{orgId}", "northshire-nhs-foundation-trust"),
          Map.entry("versions/{number}", "1"),
          Map.entry("organisations/{id}", "northshire-county-council"),
          Map.entry("datasets/{id}", "adult-social-care-client-index"),
          Map.entry("evidence/{agreement}", "dsa-high-intensity-use"),
          Map.entry("inclusion/{event}", "1"),
          Map.entry("members/{username}", "partner.council"),
          Map.entry("pending-operations/{id}", "no-such-operation"),
          Map.entry("queries/{name}", "datasets-shared-with-most-organisations"));

  /** Reads the document the running application serves. */
  public static OpenApiOperations read(MockMvc mvc) throws Exception {
    String json = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
    return parse(json);
  }

  public static OpenApiOperations parse(String json) {
    JsonNode paths = JsonMapper.builder().build().readTree(json).path("paths");
    List<Operation> ops = new ArrayList<>();
    Map<String, JsonNode> sorted = new TreeMap<>();
    paths.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
    for (var path : sorted.entrySet()) {
      for (String method : List.of("get", "post", "put", "delete", "patch")) {
        JsonNode op = path.getValue().path(method);
        if (op.isMissingNode()) {
          continue;
        }
        List<String> query = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
          if ("query".equals(p.path("in").asString())) {
            query.add(p.path("name").asString());
          }
        }
        JsonNode content = op.path("requestBody").path("content");
        String bodyType = null;
        for (var type : content.properties()) {
          bodyType = bodyType == null ? type.getKey() : bodyType;
        }
        ops.add(
            new Operation(
                method.toUpperCase(),
                path.getKey(),
                List.copyOf(query),
                !op.path("requestBody").isMissingNode(),
                bodyType));
      }
    }
    return new OpenApiOperations(List.copyOf(ops));
  }
}

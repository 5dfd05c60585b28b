package org.datasharing.registry.web.platform;

import java.util.List;
import java.util.Map;
import org.springframework.http.ProblemDetail;

/**
 * A problem as JSON for {@link Problems#write}, where no message converter runs: the members the
 * registry's problems have ({@code type}, {@code title}, {@code status}, {@code detail}, {@code
 * instance}, {@code errors}), every string escaped.
 */
final class ProblemJson {
  private ProblemJson() {}

  /** The problem as JSON, in the shape the message converters give controllers' problems. */
  static String of(ProblemDetail p) {
    StringBuilder json = new StringBuilder("{");
    json.append("\"type\":").append(quoted(String.valueOf(p.getType())));
    json.append(",\"title\":").append(quoted(p.getTitle()));
    json.append(",\"status\":").append(p.getStatus());
    if (p.getDetail() != null) {
      json.append(",\"detail\":").append(quoted(p.getDetail()));
    }
    if (p.getInstance() != null) {
      json.append(",\"instance\":").append(quoted(p.getInstance().toString()));
    }
    if (p.getProperties() != null && p.getProperties().get("errors") instanceof List<?> errors) {
      json.append(",\"errors\":[");
      for (int i = 0; i < errors.size(); i++) {
        Map<?, ?> e = (Map<?, ?>) errors.get(i);
        json.append(i == 0 ? "" : ",")
            .append("{\"field\":")
            .append(quoted(String.valueOf(e.get("field"))))
            .append(",\"message\":")
            .append(quoted(String.valueOf(e.get("message"))))
            .append('}');
      }
      json.append(']');
    }
    return json.append('}').toString();
  }

  private static String quoted(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}

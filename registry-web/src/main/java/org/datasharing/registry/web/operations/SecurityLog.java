package org.datasharing.registry.web.operations;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Security events (OWASP ASVS V16) on the logger {@code registry.security}: one line each, with
 * {@code event}, {@code outcome} and the event's own fields as JSON fields (logback-spring.xml);
 * the correlation id, actor and organisation come from the MDC ({@link CorrelationIdFilter}, {@code
 * web.security.ActorLogContext}). Never a token, a password or what a user typed: only identifiers
 * the registry chose (routes, reasons, status codes) and the actor's id.
 */
public final class SecurityLog {
  /** The logger's name, for routing these lines (logback-spring.xml) and reading them in tests. */
  public static final String LOGGER = "registry.security";

  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  private SecurityLog() {}

  /**
   * One event; {@code fields} are name, value pairs. Outcome from the HTTP status: {@code success}
   * below 400, {@code refused} for 401/403, {@code invalid} for 422, {@code failure} otherwise.
   */
  public static void event(String event, int status, Object... fields) {
    event(event, outcome(status), append(fields, "status", status));
  }

  /** One event with its outcome named. */
  public static void event(String event, String outcome, Object... fields) {
    List<Object> args = new ArrayList<>();
    args.add(kv("event", event));
    args.add(kv("outcome", outcome));
    StringBuilder message = new StringBuilder("{} {}");
    for (int i = 0; i + 1 < fields.length; i += 2) {
      args.add(kv(String.valueOf(fields[i]), fields[i + 1]));
      message.append(" {}");
    }
    if (outcome.equals("success")) {
      log.info(message.toString(), args.toArray());
    } else {
      log.warn(message.toString(), args.toArray());
    }
  }

  static String outcome(int status) {
    if (status < 400) {
      return "success";
    }
    return switch (status) {
      case 401, 403 -> "refused";
      case 422 -> "invalid";
      default -> "failure";
    };
  }

  private static Object[] append(Object[] fields, String name, Object value) {
    Object[] all = java.util.Arrays.copyOf(fields, fields.length + 2);
    all[fields.length] = name;
    all[fields.length + 1] = value;
    return all;
  }
}

package org.datasharing.registry.web.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request gets a correlation id: the caller's {@code X-Request-Id} if it is a plain token,
 * else the trace id of a W3C {@code traceparent}, else a new one. It is in the MDC as {@code
 * requestId} (so on every log line of the request) and returned in {@code X-Request-Id}. Runs
 * before Spring Security, so that when the request is over it sees the final status and logs the
 * refusals (401, 403) and validation failures (422) wherever they were decided.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class CorrelationIdFilter extends OncePerRequestFilter {
  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";

  /** What a caller's id may look like: no spaces, quotes or line breaks, at most 64 characters. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private static final Pattern TRACEPARENT =
      Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String id = correlationId(request.getHeader(HEADER), request.getHeader("traceparent"));
    MDC.put(MDC_KEY, id);
    response.setHeader(HEADER, id);
    try {
      chain.doFilter(request, response);
    } finally {
      try {
        logOutcome(request, response.getStatus());
      } finally {
        MDC.clear();
      }
    }
  }

  static String correlationId(String requestId, String traceparent) {
    if (requestId != null && SAFE_ID.matcher(requestId).matches()) {
      return requestId;
    }
    if (traceparent != null) {
      Matcher m = TRACEPARENT.matcher(traceparent.strip());
      if (m.matches() && !m.group(1).equals("0".repeat(32))) {
        return m.group(1);
      }
    }
    return UUID.randomUUID().toString();
  }

  private static void logOutcome(HttpServletRequest request, int status) {
    String event =
        switch (status) {
          case 401, 403 -> "access-refused";
          case 422 -> "validation-failed";
          default -> null;
        };
    if (event != null) {
      String path = request.getRequestURI();
      SecurityLog.event(
          event,
          status,
          "method",
          request.getMethod(),
          "path",
          path.length() > 200 ? path.substring(0, 200) : path);
    }
  }
}

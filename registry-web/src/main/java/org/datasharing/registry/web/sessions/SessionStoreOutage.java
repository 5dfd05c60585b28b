package org.datasharing.registry.web.sessions;

import io.lettuce.core.RedisException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.datasharing.registry.web.platform.Problems;
import org.datasharing.registry.web.security.SecurityHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Redis unreachable: a request that needed its session (a signed-in page, a form, signing in) is
 * answered 503 with a plain "sign-in is unavailable" page, or a problem for a caller asking for
 * JSON, instead of a stack trace. Placed outside Spring Session's filter, so it also catches the
 * session's load at the start of a request and its save when the response commits. Requests that
 * never touch a session (the bearer-token API, the public pages of a visitor without a session
 * cookie) never reach Redis and keep working. The page is {@code
 * pages/session-store-unavailable.html}, a plain copy of the GOV.UK layout with no model, because
 * no controller runs.
 */
final class SessionStoreOutage extends OncePerRequestFilter {
  private static final Logger log = LoggerFactory.getLogger(SessionStoreOutage.class);

  static final String DETAIL =
      "Signed-in pages are unavailable: the registry cannot reach its session store (Redis). The"
          + " API with bearer tokens still works.";

  private static final byte[] PAGE = page();

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (!sessionStoreFailure(e) || response.isCommitted()) {
        throw e;
      }
      log.warn(
          "session store unreachable on {} {}: {}",
          request.getMethod(),
          request.getRequestURI(),
          rootMessage(e));
      response.reset();
      SecurityHeaders.writeTo(response);
      response.setHeader("Retry-After", "30");
      response.setHeader("Cache-Control", "no-store");
      String accept = request.getHeader("Accept");
      if (request.getRequestURI().startsWith("/api/")
          || (accept != null && accept.contains("json") && !accept.contains("html"))) {
        Problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, DETAIL);
      } else {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        response.getOutputStream().write(PAGE);
      }
    }
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    // an error page for another failure loads the session again
    return false;
  }

  /** Whether Redis (the session store) failed somewhere in the cause chain. */
  static boolean sessionStoreFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RedisConnectionFailureException
          || t instanceof RedisSystemException
          || t instanceof RedisException
          || (t instanceof org.springframework.dao.QueryTimeoutException q
              && q.getCause() instanceof RedisException)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  private static byte[] page() {
    try (InputStream in =
        SessionStoreOutage.class.getResourceAsStream("/pages/session-store-unavailable.html")) {
      if (in == null) {
        throw new IllegalStateException("pages/session-store-unavailable.html is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package org.datasharing.registry.web.identity;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.DirectoryException.Kind;
import tools.jackson.databind.json.JsonMapper;

/** Turns the admin client's exceptions and error responses into the port's failures. */
final class KeycloakErrors {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private KeycloakErrors() {}

  /** Runs an admin-client call, turning whatever it throws into the port's failure. */
  static <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      throw translate(what, e);
    }
  }

  static void run(String what, Runnable action) {
    call(
        what,
        () -> {
          action.run();
          return null;
        });
  }

  /** Closes the response; fails unless its status is one of {@code ok}. */
  static Response expect(String what, Response r, int... ok) {
    try (r) {
      for (int status : ok) {
        if (r.getStatus() == status) {
          return r;
        }
      }
      throw status(what, r);
    }
  }

  /** The failure for an exception thrown while doing {@code what}. */
  static DirectoryException translate(String what, RuntimeException e) {
    if (e instanceof DirectoryException d) {
      return d;
    }
    // the token request's failures come wrapped in a ProcessingException by the auth filter
    WebApplicationException w = cause(e, WebApplicationException.class);
    if (w != null) {
      Response r = w.getResponse();
      return status(what, r == null ? 500 : r.getStatus(), body(r), e);
    }
    if (e instanceof ProcessingException && cause(e, IOException.class) != null) {
      return new DirectoryException(
          Kind.NO_ANSWER, "Keycloak did not answer (" + what + ")", null, e);
    }
    return new DirectoryException(Kind.FAILED, what + ": " + e.getMessage(), null, e);
  }

  /** The failure for an error response (the caller closes it). */
  static DirectoryException status(String what, Response r) {
    return status(what, r.getStatus(), body(r), null);
  }

  private static DirectoryException status(String what, int status, String body, Throwable e) {
    Map<?, ?> error = parse(body);
    String message =
        error.get("errorMessage") != null
            ? String.valueOf(error.get("errorMessage"))
            : error.get("error_description") != null
                ? String.valueOf(error.get("error_description"))
                : "HTTP " + status;
    String field = error.get("field") != null ? String.valueOf(error.get("field")) : guess(message);
    String lower = message.toLowerCase(Locale.ROOT);
    Kind kind =
        switch (status) {
          case 401, 403 -> Kind.ACCESS_DENIED;
          case 404 -> Kind.NOT_FOUND;
          case 409 -> Kind.CONFLICT;
          // Keycloak answers 400 for a domain another organisation has
          case 400 -> lower.contains("already") ? Kind.CONFLICT : Kind.REJECTED;
          default -> status >= 500 ? Kind.FAILED : Kind.REJECTED;
        };
    String text =
        switch (kind) {
          case ACCESS_DENIED ->
              "Keycloak refused the registry's service account (" + what + ": HTTP " + status + ")";
          case FAILED -> "Keycloak answered HTTP " + status + " to " + what;
          default -> "Keycloak: " + message;
        };
    return new DirectoryException(kind, text, field, e);
  }

  /** The request field a Keycloak message is about, e.g. "same email" is about "email". */
  static String guess(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    if (m.contains("domain")) {
      return "domain";
    }
    if (m.contains("alias")) {
      return "id";
    }
    if (m.contains("username")) {
      return "username";
    }
    if (m.contains("email")) {
      return "email";
    }
    return m.contains("name") ? "name" : null;
  }

  private static String body(Response r) {
    if (r == null || !r.hasEntity()) {
      return "";
    }
    try {
      return r.readEntity(String.class);
    } catch (RuntimeException e) {
      return ""; // already read or closed: the status says enough
    }
  }

  private static Map<?, ?> parse(String body) {
    try {
      return body.isBlank() ? Map.of() : JSON.readValue(body, Map.class);
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}

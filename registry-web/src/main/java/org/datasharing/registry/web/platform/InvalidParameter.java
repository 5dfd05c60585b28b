package org.datasharing.registry.web.platform;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A query or path parameter outside its range or not parsable: {@link Problems} answers 422
 * problem+json naming the parameter. The checks here are the only way controllers read numbers and
 * instants from a request, so none reaches the core unchecked.
 */
public final class InvalidParameter extends RuntimeException {
  /** Instants are accepted in years 1 to 9999 (what xsd:dateTime and every page can show). */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private final String parameter;

  public InvalidParameter(String parameter, String message) {
    super(message, null, false, false);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }

  /** The value, if it lies in {@code min..max}. */
  public static int within(String parameter, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidParameter(parameter, parameter + " must be between " + min + " and " + max);
    }
    return value;
  }

  /** The value, if it lies in {@code min..max}. */
  public static long within(String parameter, long value, long min, long max) {
    if (value < min || value > max) {
      throw new InvalidParameter(parameter, parameter + " must be between " + min + " and " + max);
    }
    return value;
  }

  /** An ISO-8601 instant in years 1 to 9999. */
  public static Instant instant(String parameter, String value) {
    Instant at;
    try {
      at = Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidParameter(
          parameter, "Give " + parameter + " as an instant like 2027-03-01T00:00:00Z");
    }
    if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
      throw new InvalidParameter(
          parameter,
          parameter
              + " must be between "
              + EARLIEST.atOffset(ZoneOffset.UTC).toLocalDate()
              + " and "
              + LATEST.atOffset(ZoneOffset.UTC).toLocalDate());
    }
    return at;
  }
}

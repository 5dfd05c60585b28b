package org.datasharing.registry.web.platform;

import org.springframework.http.MediaType;

/** CSV as the register and the audit trail serve it: one media type, one safe cell. */
public final class Csv {
  private Csv() {}

  /** {@code text/csv}. */
  public static final MediaType MEDIA_TYPE = MediaType.parseMediaType("text/csv");

  /** Text that a spreadsheet would run as a formula is quoted (OWASP CSV injection). */
  public static String cell(String s) {
    if (s != null && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      return "'" + s;
    }
    return s;
  }
}

package org.datasharing.registry.web.platform;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

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

  /** A table: the {@code header} line, then one line of {@code cells} for each row. */
  public static <T> String table(List<T> rows, Function<T, Object[]> cells, String... header) {
    StringWriter out = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header).get())) {
      for (T row : rows) {
        p.printRecord(cells.apply(row));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A download: {@code csv} as UTF-8 {@code text/csv}, saved as {@code filename}. */
  public static ResponseEntity<Object> download(
      ResponseEntity.BodyBuilder response, String filename, String csv) {
    return response
        .contentType(new MediaType(MEDIA_TYPE, StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(filename).build().toString())
        .body(csv);
  }
}

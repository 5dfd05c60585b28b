package org.datasharing.registry.web.register;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.agreement.AgreementService.RegisterEntry;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.register.PublicRegister;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The public transparency register as a page anyone can read signed out: a filter form, a table
 * sortable by its column headings and a CSV download of the same selection. Deliberately plain,
 * accessible HTML; the UI work restyles it with GOV.UK Frontend.
 */
@Controller
class RegisterPage {
  private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

  private final Registry registry;

  RegisterPage(Registry registry) {
    this.registry = registry;
  }

  @GetMapping({"/register", "/register/"})
  ResponseEntity<String> page(
      @RequestParam(required = false) List<String> status,
      @RequestParam(required = false) String organisation,
      @RequestParam(required = false) String sort) {
    PublicRegister register = registry.publicRegister();
    Result<List<RegisterEntry>> r =
        register.entries(new PublicRegister.Query(status, organisation, sort));
    StringBuilder body = new StringBuilder();
    body.append("<h1>Data sharing register</h1>\n")
        .append(
            "<p>Data sharing agreements between public bodies that are in force, suspended or have"
                + " ended, with the purpose, the kinds of personal data and each party's lawful"
                + " basis. Drafts and agreements still awaiting approval are not listed.</p>\n");
    String selectedStatus = status == null || status.isEmpty() ? "" : status.get(0);
    String org = organisation == null ? "" : organisation;
    body.append(form(selectedStatus, org, sort));
    if (!r.ok()) {
      body.append("<div role=\"alert\"><h2>There is a problem</h2><ul>\n");
      for (Violation v : r.violations()) {
        body.append("<li>").append(esc(v.message())).append("</li>\n");
      }
      body.append("</ul></div>\n");
      return ResponseEntity.status(HttpStatus.BAD_REQUEST)
          .contentType(HTML)
          .body(document("There is a problem - Data sharing register", body.toString()));
    }
    List<PublicRegister.Row> rows = register.rows(r.value());
    String csv =
        link("/api/register", selectedStatus, org, sort).queryParam("format", "csv").toUriString();
    body.append("<p><a href=\"")
        .append(esc(csv))
        .append("\" download>Download this list as CSV</a> (")
        .append(rows.size())
        .append(rows.size() == 1 ? " agreement" : " agreements")
        .append(")</p>\n");
    body.append("<table>\n<caption>")
        .append(rows.size())
        .append(rows.size() == 1 ? " agreement" : " agreements")
        .append(" on the register</caption>\n<thead><tr>");
    String current = sort == null || sort.isBlank() ? "title" : sort.strip();
    header(body, "Agreement", "title", current, selectedStatus, org);
    body.append("<th scope=\"col\">Parties and lawful basis</th>");
    body.append("<th scope=\"col\">Purpose</th>");
    body.append("<th scope=\"col\">Personal data</th>");
    header(body, "Status", "status", current, selectedStatus, org);
    header(body, "Start", "startDate", current, selectedStatus, org);
    header(body, "Review", "reviewDate", current, selectedStatus, org);
    header(body, "End", "endDate", current, selectedStatus, org);
    body.append("<th scope=\"col\">DPIA done</th>");
    body.append("</tr></thead>\n<tbody>\n");
    for (PublicRegister.Row row : rows) {
      body.append("<tr><th scope=\"row\"><a href=\"")
          .append(esc(row.link()))
          .append("\">")
          .append(esc(row.title()))
          .append("</a></th><td>")
          .append(list(row.lawfulBases()))
          .append("</td><td>")
          .append(list(row.purposes()))
          .append(
              row.purposeDescription().isEmpty()
                  ? ""
                  : "<p>" + esc(row.purposeDescription()) + "</p>")
          .append("</td><td>")
          .append(list(row.personalDataCategories()))
          .append(row.specialCategoryData() ? "<p>Includes special category data</p>" : "")
          .append(row.criminalOffenceData() ? "<p>Includes criminal offence data</p>" : "")
          .append("</td><td>")
          .append(esc(row.status()))
          .append("</td><td>")
          .append(esc(row.startDate()))
          .append("</td><td>")
          .append(esc(row.reviewDate()))
          .append("</td><td>")
          .append(esc(row.endDate()))
          .append("</td><td>")
          .append(row.dpiaDone() ? "Yes" : "No")
          .append("</td></tr>\n");
    }
    body.append("</tbody>\n</table>\n");
    return ResponseEntity.ok()
        .contentType(HTML)
        .body(document("Data sharing register", body.toString()));
  }

  private String form(String status, String organisation, String sort) {
    StringBuilder f = new StringBuilder();
    f.append("<form method=\"get\" action=\"/register\">\n<h2>Filter the register</h2>\n");
    f.append("<label for=\"status\">Status</label>\n<select id=\"status\" name=\"status\">")
        .append(option("", "Any status", status));
    for (AgreementStatus s : PublicRegister.LISTED) {
      String v = s.name().toLowerCase(Locale.ROOT);
      f.append(option(v, PublicRegister.statusLabel(s), status));
    }
    f.append("</select>\n");
    f.append(
            "<label for=\"organisation\">Organisation</label>\n"
                + "<select id=\"organisation\" name=\"organisation\">")
        .append(option("", "Any organisation", organisation));
    for (Organisation o : registry.organisations().list()) {
      f.append(option(o.id(), o.name(), organisation));
    }
    f.append("</select>\n");
    if (sort != null && !sort.isBlank()) {
      f.append("<input type=\"hidden\" name=\"sort\" value=\"").append(esc(sort)).append("\">\n");
    }
    f.append("<button type=\"submit\">Apply filters</button>\n</form>\n");
    return f.toString();
  }

  private static String option(String value, String label, String selected) {
    return "<option value=\""
        + esc(value)
        + "\""
        + (value.equals(selected) ? " selected" : "")
        + ">"
        + esc(label)
        + "</option>";
  }

  /** A column heading that sorts by its key, and reverses when it already does. */
  private static void header(
      StringBuilder b, String label, String key, String current, String status, String org) {
    boolean ascending = current.equals(key);
    boolean descending = current.equals("-" + key);
    String next = ascending ? "-" + key : key;
    b.append("<th scope=\"col\"")
        .append(
            ascending ? " aria-sort=\"ascending\"" : descending ? " aria-sort=\"descending\"" : "")
        .append("><a href=\"")
        .append(esc(link("/register", status, org, next).toUriString()))
        .append("\">")
        .append(esc(label))
        .append("</a></th>");
  }

  private static UriComponentsBuilder link(String path, String status, String org, String sort) {
    UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
    if (!status.isBlank()) {
      b.queryParam("status", status);
    }
    if (!org.isBlank()) {
      b.queryParam("organisation", org);
    }
    if (sort != null && !sort.isBlank()) {
      b.queryParam("sort", sort);
    }
    return b.encode();
  }

  private static String list(List<String> items) {
    if (items.isEmpty()) {
      return "";
    }
    Function<String, String> li = s -> "<li>" + esc(s) + "</li>";
    return "<ul>" + String.join("", items.stream().map(li).toList()) + "</ul>";
  }

  private static String document(String title, String main) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
        + esc(title)
        + "</title>\n</head>\n<body>\n<a href=\"#main\">Skip to main content</a>\n"
        + "<main id=\"main\">\n"
        + main
        + "</main>\n</body>\n</html>\n";
  }

  private static String esc(String s) {
    return s == null ? "" : HtmlUtils.htmlEscape(s);
  }
}

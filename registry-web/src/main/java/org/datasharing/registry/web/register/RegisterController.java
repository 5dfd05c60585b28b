package org.datasharing.registry.web.register;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.datasharing.registry.core.agreement.AgreementService.RegisterEntry;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.register.PublicRegister;
import org.datasharing.registry.web.platform.Csv;
import org.datasharing.registry.web.platform.Negotiation;
import org.datasharing.registry.web.platform.Problems;
import org.datasharing.registry.web.platform.RdfOutput;
import org.datasharing.registry.web.platform.RdfSyntax;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public transparency register as data: JSON by default, CSV and RDF by content negotiation (or
 * {@code format=csv|json|ttl|jsonld|nt|rdf} for links that cannot set Accept).
 */
@RestController
@Tag(name = "Register", description = "The public transparency register (no sign-in)")
class RegisterController {
  static final MediaType CSV = Csv.MEDIA_TYPE;
  private static final Map<String, MediaType> FORMAT_PARAMETER = new LinkedHashMap<>();

  /** JSON (the default), CSV, then every RDF syntax. */
  private static final List<MediaType> OFFERED = new ArrayList<>();

  static {
    FORMAT_PARAMETER.put("json", MediaType.APPLICATION_JSON);
    FORMAT_PARAMETER.put("csv", CSV);
    FORMAT_PARAMETER.put("ttl", RdfSyntax.TURTLE.mediaType());
    FORMAT_PARAMETER.put("jsonld", RdfSyntax.JSONLD.mediaType());
    FORMAT_PARAMETER.put("nt", RdfSyntax.NTRIPLES.mediaType());
    FORMAT_PARAMETER.put("rdf", RdfSyntax.RDFXML.mediaType());
    OFFERED.add(MediaType.APPLICATION_JSON);
    OFFERED.add(CSV);
    OFFERED.addAll(RdfSyntax.MEDIA_TYPES);
  }

  private final PublicRegister publicRegister;

  RegisterController(PublicRegister publicRegister) {
    this.publicRegister = publicRegister;
  }

  @GetMapping("/api/register")
  @Operation(
      summary = "Agreements in force or recently ended, with the fields a public body publishes",
      description =
          "Never drafts, submitted or refused agreements; the only contact is each party's data"
              + " protection officer mailbox. JSON, text/csv, or RDF"
              + " (Turtle, JSON-LD, N-Triples, RDF/XML) by Accept or the format parameter.")
  ResponseEntity<Object> register(
      @Parameter(description = "approved, active, review_due, suspended, terminated, expired")
          @RequestParam(required = false)
          List<String> status,
      @Parameter(description = "an organisation identifier: agreements it is party to")
          @RequestParam(required = false)
          String organisation,
      @Parameter(description = "title, status, startDate, reviewDate, endDate or id; -key descends")
          @RequestParam(required = false)
          String sort,
      @Parameter(description = "words that must all appear in the title or purpose")
          @RequestParam(required = false)
          String q,
      @Parameter(description = "a purpose code (reference scheme purpose)")
          @RequestParam(required = false)
          String purpose,
      @Parameter(description = "a personal data category code (reference scheme data-category)")
          @RequestParam(required = false)
          String dataCategory,
      @Parameter(description = "a lawful basis code (reference scheme lawful-basis)")
          @RequestParam(required = false)
          String lawfulBasis,
      @Parameter(description = "csv, json, ttl, jsonld, nt or rdf (overrides Accept)")
          @RequestParam(required = false)
          String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, defaultValue = "application/json") String accept) {
    Result<List<RegisterEntry>> r =
        publicRegister.entries(
            new PublicRegister.Query(
                status, organisation, sort, q, purpose, dataCategory, lawfulBasis));
    if (!r.ok()) {
      return Problems.problem(r);
    }
    MediaType type;
    if (format != null) {
      type = FORMAT_PARAMETER.get(format);
      if (type == null) {
        return Problems.badRequest(
            "format", "Use one of " + String.join(", ", FORMAT_PARAMETER.keySet()));
      }
    } else {
      type = Negotiation.choose(accept, OFFERED, MediaType.APPLICATION_JSON).orElse(null);
      if (type == null) {
        return Negotiation.notAcceptable(OFFERED);
      }
    }
    if (type.equals(MediaType.APPLICATION_JSON)) {
      return ResponseEntity.ok()
          .contentType(MediaType.APPLICATION_JSON)
          .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
          .body(r.value());
    }
    if (type.equals(CSV)) {
      return Csv.download(
          ResponseEntity.ok().header(HttpHeaders.VARY, HttpHeaders.ACCEPT),
          "transparency-register.csv",
          csv(publicRegister.rows(r.value())));
    }
    Graph g = publicRegister.rdf(r.value());
    g.getPrefixMapping()
        .setNsPrefix("dsr", "https://w3id.org/dsr#")
        .setNsPrefix("dct", "http://purl.org/dc/terms/")
        .setNsPrefix("dpv", "https://w3id.org/dpv#");
    return RdfOutput.answer(g, type);
  }

  /** The register as CSV, one agreement per line; lists joined with "; ". */
  static String csv(List<PublicRegister.Row> rows) {
    return Csv.table(
        rows,
        r ->
            new Object[] {
              Csv.cell(r.id()),
              Csv.cell(r.title()),
              r.status(),
              Csv.cell(String.join("; ", r.parties())),
              Csv.cell(String.join("; ", r.purposes())),
              Csv.cell(r.purposeDescription()),
              Csv.cell(String.join("; ", r.personalDataCategories())),
              Csv.cell(String.join("; ", r.dataSubjectCategories())),
              yesNo(r.specialCategoryData()),
              yesNo(r.criminalOffenceData()),
              Csv.cell(String.join("; ", r.lawfulBases())),
              Csv.cell(String.join("; ", r.statutoryPowers())),
              Csv.cell(String.join("; ", r.conditions())),
              r.startDate(),
              r.reviewDate(),
              r.endDate(),
              Csv.cell(r.retentionPeriod()),
              Csv.cell(r.deletionArrangements()),
              Csv.cell(r.rightsProcedure()),
              Csv.cell(String.join("; ", r.contacts())),
              r.approvedOn(),
              r.version() == 0 ? "" : String.valueOf(r.version()),
              yesNo(r.dpiaDone()),
              r.link(),
              r.retentionDuration(),
              Csv.cell(r.dpiaSummary()),
              r.internationalTransfer(),
              r.transferMechanism(),
              Csv.cell(r.singlePointOfContact()),
              Csv.cell(r.securityMeasures()),
              Csv.cell(r.onwardDisclosure()),
              r.deidentification(),
              r.contentHash(),
              Csv.cell(
                  String.join(
                      "\n",
                      r.fullText().stream()
                          .map(org.datasharing.registry.web.pages.FullTextWords::line)
                          .toList()))
            },
        "Agreement",
        "Title",
        "Status",
        "Parties",
        "Purposes",
        "Purpose description",
        "Personal data categories",
        "Data subjects",
        "Special category data",
        "Criminal offence data",
        "Lawful basis",
        "Statutory power",
        "Special category and criminal offence conditions",
        "Start date",
        "Review date",
        "End date",
        "Retention",
        "Destruction",
        "Exercising your rights",
        "Contact (data protection officer)",
        "Approved on",
        "Version",
        "DPIA done",
        "Public summary",
        "Retention period",
        "DPIA summary",
        "International transfers",
        "Transfer safeguard",
        "Single point of contact",
        "Security",
        "Onward disclosure",
        "Identifiable, pseudonymised or anonymised",
        "Content hash of the version",
        "Full text of the version");
  }

  private static String yesNo(boolean b) {
    return b ? "Yes" : "No";
  }
}

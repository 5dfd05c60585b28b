package org.datasharing.registry.core.register;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.datasharing.registry.core.agreement.AgreementListing;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementService.PublicVersion;
import org.datasharing.registry.core.agreement.AgreementService.RegisterEntry;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.agreement.Field;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.reference.ReferenceData;

/**
 * The public transparency register: agreements that are or were in force (never drafts, submitted,
 * rejected or changes-requested ones), with the fields a public body publishes ({@link
 * org.datasharing.registry.core.agreement.Field#PUBLIC}). Filterable, sortable, and flattened to
 * rows with readable labels for the HTML pages and the CSV download.
 *
 * <p>The one contact it gives is each party's data protection officer mailbox ({@link
 * Organisation#dpoEmail()}, which UK GDPR Article 37(7) requires a controller to publish), as
 * {@code contact} on each party: where a person asks about the sharing or exercises their rights.
 * Never the agreement's named contacts nor the DPO's name.
 */
public final class PublicRegister {
  /** The statuses that appear on the register. */
  public static final Set<AgreementStatus> LISTED = AgreementStatus.publicStatuses();

  /** Sort keys, each ascending; "-key" sorts descending. */
  public static final List<String> SORT_KEYS =
      List.of("title", "status", "startDate", "reviewDate", "endDate", "id");

  private static final Actor PUBLIC =
      new Actor("public", "public", Optional.empty(), java.util.Set.of());

  private final AgreementService agreements;
  private final OrganisationService organisations;
  private final ReferenceData reference;
  private final java.util.function.Function<String, Optional<String>> datasetTitles;

  /** {@code datasetTitles}: a dataset's title as the public sees it (empty when not published). */
  public PublicRegister(
      AgreementService agreements,
      OrganisationService organisations,
      ReferenceData reference,
      java.util.function.Function<String, Optional<String>> datasetTitles) {
    this.agreements = agreements;
    this.organisations = organisations;
    this.reference = reference;
    this.datasetTitles = datasetTitles;
  }

  /** The name of each party's public contact (its DPO mailbox) in entries. */
  public static final String CONTACT = "contact";

  /** The longest free-text search accepted. */
  public static final int MAX_SEARCH = 200;

  /**
   * Which entries, in which order: empty statuses means every listed status. {@code text} searches
   * title and purpose (every word must appear); {@code purpose}, {@code dataCategory} and {@code
   * lawfulBasis} are reference codes (schemes purpose, data-category, lawful-basis).
   */
  public record Query(
      List<String> statuses,
      String organisation,
      String sort,
      String text,
      String purpose,
      String dataCategory,
      String lawfulBasis) {
    public Query {
      statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    public Query(List<String> statuses, String organisation, String sort) {
      this(statuses, organisation, sort, null, null, null, null);
    }

    public static Query all() {
      return new Query(List.of(), null, null);
    }
  }

  /** The filters by reference code: query parameter name and SKOS scheme. */
  public static final Map<String, String> CODE_FILTERS =
      Map.of("purpose", "purpose", "dataCategory", "data-category", "lawfulBasis", "lawful-basis");

  public Result<List<RegisterEntry>> entries(Query query) {
    List<Violation> violations = new ArrayList<>();
    Set<AgreementStatus> statuses = EnumSet.noneOf(AgreementStatus.class);
    for (AgreementListing.StatusParameter s : AgreementListing.statusParameters(query.statuses())) {
      String one = s.given();
      Optional<AgreementStatus> status = s.status();
      if (status.isEmpty()) {
        violations.add(new Violation("status", "'" + one + "' is not an agreement status"));
      } else if (!LISTED.contains(status.get())) {
        violations.add(
            new Violation(
                "status",
                "Agreements that are "
                    + one.strip()
                    + " are not on the public register; it lists "
                    + String.join(
                        ", ",
                        LISTED.stream().map(x -> x.name().toLowerCase(Locale.ROOT)).toList())));
      } else {
        statuses.add(status.get());
      }
    }
    String org = query.organisation() == null ? "" : query.organisation().strip();
    if (!org.isEmpty() && organisations.get(org).isEmpty()) {
      violations.add(new Violation("organisation", "There is no organisation '" + org + "'"));
    }
    String text = blank(query.text()) ? "" : query.text().strip().toLowerCase(Locale.ROOT);
    if (text.length() > MAX_SEARCH) {
      violations.add(new Violation("q", "Search for " + MAX_SEARCH + " characters or fewer"));
    }
    String purpose = code(query.purpose(), "purpose", "a purpose", violations);
    String category = code(query.dataCategory(), "dataCategory", "a data category", violations);
    String basis = code(query.lawfulBasis(), "lawfulBasis", "a lawful basis", violations);
    Comparator<RegisterEntry> order = null;
    String sort = query.sort() == null || query.sort().isBlank() ? "title" : query.sort().strip();
    boolean descending = sort.startsWith("-");
    String key = descending ? sort.substring(1) : sort;
    if (!SORT_KEYS.contains(key)) {
      violations.add(
          new Violation(
              "sort",
              "Sort by one of "
                  + String.join(", ", SORT_KEYS)
                  + " (prefix with - for descending order)"));
    } else {
      order = comparator(key);
      order = descending ? order.reversed() : order;
    }
    if (!violations.isEmpty()) {
      return Result.invalid("Correct the register parameters listed", violations);
    }
    Set<AgreementStatus> wanted = statuses.isEmpty() ? LISTED : statuses;
    List<RegisterEntry> out =
        agreements.register().stream()
            .filter(e -> wanted.contains(e.status()))
            .filter(e -> org.isEmpty() || e.parties().contains(org))
            .filter(e -> text.isEmpty() || matches(e, text))
            .filter(e -> purpose == null || listed(e, "purposes", purpose))
            .filter(e -> category == null || listed(e, "personalDataCategories", category))
            .filter(
                e ->
                    basis == null
                        || e.summary().parties().stream()
                            .anyMatch(p -> basis.equals(String.valueOf(p.get("lawfulBasis")))))
            .sorted(order.thenComparing(RegisterEntry::id))
            .map(this::withContacts)
            .toList();
    return Result.ok(out);
  }

  /** One agreement on the register, or empty when it is not on it (drafts are not confirmed). */
  public Optional<RegisterEntry> entry(String id) {
    return agreements.register().stream()
        .filter(e -> e.id().equals(id))
        .findFirst()
        .map(this::withContacts);
  }

  /** Each party with its DPO mailbox as {@code contact}, the public way to reach it. */
  private RegisterEntry withContacts(RegisterEntry e) {
    List<Map<String, Object>> parties = new ArrayList<>();
    for (Map<String, Object> p : e.summary().parties()) {
      Map<String, Object> q = new java.util.LinkedHashMap<>(p);
      organisations
          .get(String.valueOf(p.get("organisation")))
          .map(Organisation::dpoEmail)
          .filter(m -> m != null && !m.isBlank())
          .ifPresent(m -> q.put(CONTACT, m));
      parties.add(q);
    }
    return new RegisterEntry(
        e.id(),
        e.iri(),
        e.title(),
        e.status(),
        e.parties(),
        new org.datasharing.registry.core.agreement.AgreementContent(e.summary().fields(), parties),
        e.versions());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** The code if it is one of the filter's scheme, else null (with a violation if it was given). */
  private String code(String value, String parameter, String what, List<Violation> violations) {
    if (blank(value)) {
      return null;
    }
    String code = value.strip();
    if (reference.concept(CODE_FILTERS.get(parameter), code).isEmpty()) {
      violations.add(
          new Violation(parameter, "'" + code + "' is not " + what + " the register knows"));
      return null;
    }
    return code;
  }

  private static boolean listed(RegisterEntry e, String field, String code) {
    return e.summary().fields().get(field) instanceof List<?> list
        && list.stream().map(String::valueOf).anyMatch(code::equals);
  }

  /** Every word of the search appears in the title or the purpose description. */
  private static boolean matches(RegisterEntry e, String text) {
    Object description = e.summary().fields().get("purposeDescription");
    String haystack =
        (e.title() + " " + (description == null ? "" : description)).toLowerCase(Locale.ROOT);
    return java.util.Arrays.stream(text.split("\\s+")).allMatch(haystack::contains);
  }

  private static Comparator<RegisterEntry> comparator(String key) {
    Function<RegisterEntry, String> f =
        switch (key) {
          case "status" -> e -> e.status().name();
          case "id" -> RegisterEntry::id;
          case "title" -> e -> e.title().toLowerCase(Locale.ROOT);
          // ISO dates sort as text; entries without the date go last
          default -> e -> String.valueOf(e.summary().fields().getOrDefault(key, "\uffff"));
        };
    return Comparator.comparing(f);
  }

  /**
   * One register line with readable values (labels, never codes or IRIs), for the register's table,
   * the public agreement page and the CSV. Lists about parties read "Organisation: value".
   */
  public record Row(
      String id,
      String link,
      String title,
      String status,
      String phase,
      List<String> parties,
      List<String> purposes,
      String purposeDescription,
      String benefits,
      List<String> personalDataCategories,
      List<String> dataSubjectCategories,
      boolean specialCategoryData,
      boolean criminalOffenceData,
      List<String> lawfulBases,
      List<String> statutoryPowers,
      List<String> conditions,
      String startDate,
      String reviewDate,
      String endDate,
      String retentionPeriod,
      String retentionDuration,
      String deletionArrangements,
      String rightsProcedure,
      List<String> contacts,
      boolean dpiaDone,
      String dpiaSummary,
      String internationalTransfer,
      String transferMechanism,
      String singlePointOfContact,
      String securityMeasures,
      String onwardDisclosure,
      String deidentification,
      List<PartyRow> partyDetails,
      List<PublicVersion> versions,
      List<Clause> fullText) {

    /** The content hash of the version shown, as the parties approved it, or "". */
    public String contentHash() {
      return shown().map(PublicVersion::contentHash).orElse("");
    }

    /** The day the version shown was approved by the last party, or "". */
    public String approvedOn() {
      return shown().map(PublicVersion::approvedOn).orElse("");
    }

    /** The number of the version shown (0 if none is known). */
    public int version() {
      return shown().map(PublicVersion::number).orElse(0);
    }

    private Optional<PublicVersion> shown() {
      return versions.stream().filter(PublicVersion::shown).findFirst();
    }
  }

  /**
   * One clause of the full text of the version in force (Ireland's DSGA 2019, s.60(5)): the field's
   * API name ({@link org.datasharing.registry.core.agreement.Field} or, with a party, {@link
   * Field.PartyField}), its value in words, or what is withheld there ({@link
   * org.datasharing.registry.core.agreement.Field#WITHHELD_CONTACT}, {@link
   * org.datasharing.registry.core.agreement.Field#WITHHELD_DATASET}) and the value empty.
   */
  public record Clause(String field, String party, String value, String withheld) {
    public boolean isWithheld() {
      return !withheld.isEmpty();
    }
  }

  /** One party, readable: conditions are the labels of its special category and criminal ones. */
  public record PartyRow(
      String id,
      String name,
      String role,
      String lawfulBasis,
      String statutoryPower,
      List<String> conditions,
      String contact) {}

  /** The entries as rows with readable values, for the pages and the CSV. */
  public List<Row> rows(List<RegisterEntry> entries) {
    return new RegisterRows(organisations, reference, datasetTitles).rows(entries);
  }

  /** An ISO 8601 period in words ("P8Y" is "8 years", "P1Y6M" "1 year and 6 months"). */
  static String durationWords(Object iso) {
    return RegisterRows.durationWords(iso);
  }

  /** The register's agreements as linked data: each one's public fields only. */
  public Graph rdf(List<RegisterEntry> entries) {
    Graph g = GraphFactory.createDefaultGraph();
    for (RegisterEntry e : entries) {
      Result<Graph> d = agreements.describe(PUBLIC, e.id());
      if (d.ok()) {
        d.value().find().forEachRemaining(g::add);
      }
    }
    return g;
  }

  /** "Review due" for REVIEW_DUE and so on: the status's own words, as signed-in pages show it. */
  public static String statusLabel(AgreementStatus s) {
    String words = s.name().replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /**
   * The public register's words for a status: its phase ("Approved, not yet started", "In force",
   * "Ended"), with the detail when there is one ("In force, review due", "Ended (expired)").
   */
  public static String registerLabel(AgreementStatus s) {
    return switch (s) {
      case APPROVED, ACTIVE -> s.phase().orElseThrow().words();
      case REVIEW_DUE -> "In force, review due";
      case SUSPENDED -> "In force, suspended";
      case TERMINATED -> "Ended (terminated)";
      case EXPIRED -> "Ended (expired)";
      default -> statusLabel(s);
    };
  }
}

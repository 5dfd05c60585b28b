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
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementService.RegisterEntry;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.reference.ReferenceData;

/**
 * The public transparency register: agreements that are or were in force (never drafts, submitted,
 * rejected or changes-requested ones), with the fields a public body publishes and no contact
 * details. Filterable by status and organisation, sortable, and flattened to rows with readable
 * labels for the HTML page and the CSV download.
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

  public PublicRegister(
      AgreementService agreements, OrganisationService organisations, ReferenceData reference) {
    this.agreements = agreements;
    this.organisations = organisations;
    this.reference = reference;
  }

  /** Which entries, in which order: empty statuses means every listed status. */
  public record Query(List<String> statuses, String organisation, String sort) {
    public Query {
      statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    public static Query all() {
      return new Query(List.of(), null, null);
    }
  }

  public Result<List<RegisterEntry>> entries(Query query) {
    List<Violation> violations = new ArrayList<>();
    Set<AgreementStatus> statuses = EnumSet.noneOf(AgreementStatus.class);
    for (String s : query.statuses()) {
      for (String one : s.split(",")) {
        if (one.isBlank()) {
          continue;
        }
        String name = one.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        Optional<AgreementStatus> status =
            java.util.Arrays.stream(AgreementStatus.values())
                .filter(x -> x.name().equals(name))
                .findFirst();
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
    }
    String org = query.organisation() == null ? "" : query.organisation().strip();
    if (!org.isEmpty() && organisations.get(org).isEmpty()) {
      violations.add(new Violation("organisation", "There is no organisation '" + org + "'"));
    }
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
            .sorted(order.thenComparing(RegisterEntry::id))
            .toList();
    return Result.ok(out);
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

  /** One register line with readable values, for tables and CSV. */
  public record Row(
      String id,
      String link,
      String title,
      String status,
      List<String> parties,
      List<String> purposes,
      String purposeDescription,
      List<String> personalDataCategories,
      boolean specialCategoryData,
      boolean criminalOffenceData,
      List<String> lawfulBases,
      String startDate,
      String reviewDate,
      String endDate,
      boolean dpiaDone) {}

  public List<Row> rows(List<RegisterEntry> entries) {
    Map<String, String> names = new java.util.HashMap<>();
    for (Organisation o : organisations.list()) {
      names.put(o.id(), o.name());
    }
    List<Row> out = new ArrayList<>();
    for (RegisterEntry e : entries) {
      Map<String, Object> f = e.summary().fields();
      List<String> bases = new ArrayList<>();
      for (Map<String, Object> p : e.summary().parties()) {
        String org = String.valueOf(p.get("organisation"));
        Object basis = p.get("lawfulBasis");
        bases.add(
            names.getOrDefault(org, org)
                + ": "
                + (basis == null ? "not stated" : label("lawful-basis", String.valueOf(basis))));
      }
      out.add(
          new Row(
              e.id(),
              e.iri(),
              e.title(),
              statusLabel(e.status()),
              e.parties().stream().map(p -> names.getOrDefault(p, p)).toList(),
              labels("purpose", f.get("purposes")),
              f.get("purposeDescription") == null
                  ? ""
                  : String.valueOf(f.get("purposeDescription")),
              labels("data-category", f.get("personalDataCategories")),
              Boolean.TRUE.equals(f.get("specialCategoryData")),
              Boolean.TRUE.equals(f.get("criminalOffenceData")),
              bases,
              date(f.get("startDate")),
              date(f.get("reviewDate")),
              date(f.get("endDate")),
              Boolean.TRUE.equals(f.get("dpiaDone"))));
    }
    return out;
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

  /** "Review due" for REVIEW_DUE and so on. */
  public static String statusLabel(AgreementStatus s) {
    String words = s.name().replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private List<String> labels(String scheme, Object codes) {
    if (!(codes instanceof List<?> list)) {
      return List.of();
    }
    return list.stream().map(c -> label(scheme, String.valueOf(c))).toList();
  }

  private String label(String scheme, String code) {
    return reference.concept(scheme, code).map(reference::label).orElse(code);
  }

  private static String date(Object d) {
    return d == null ? "" : String.valueOf(d);
  }
}

package org.datasharing.registry.core.agreement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.reference.ReferenceData;

/**
 * The agreements a caller may see ({@link AgreementService#list}, so {@link AgreementPolicy}
 * decides), filtered by status, organisation, purpose and words of the title, and sorted. The pages
 * and the API ask it with the request's parameters; a value it does not know is a violation naming
 * the parameter, never an empty list.
 */
public final class AgreementListing {
  /** Sort keys, each ascending; "-key" sorts descending. */
  public static final List<String> SORT_KEYS = List.of("title", "submitted", "status");

  /** The longest search text. */
  public static final int MAX_Q = 200;

  private final AgreementService agreements;
  private final OrganisationService organisations;
  private final ReferenceData reference;

  public AgreementListing(
      AgreementService agreements, OrganisationService organisations, ReferenceData reference) {
    this.agreements = agreements;
    this.organisations = organisations;
    this.reference = reference;
  }

  /**
   * Which agreements, in which order: statuses by name ({@code changes-requested} or {@code
   * CHANGES_REQUESTED}, empty for all), an organisation party to the current version, a purpose
   * code, words the title or identifier contains, a sort key.
   */
  public record Query(
      List<String> statuses, String organisation, String purpose, String q, String sort) {
    public Query {
      statuses = statuses == null ? List.of() : List.copyOf(statuses);
      organisation = organisation == null ? "" : organisation.strip();
      purpose = purpose == null ? "" : purpose.strip();
      q = q == null ? "" : q.strip();
      sort = sort == null || sort.isBlank() ? "title" : sort.strip();
    }

    public static Query all() {
      return new Query(List.of(), null, null, null, null);
    }
  }

  public Result<List<AgreementView.Summary>> list(Actor actor, Query query) {
    List<Violation> violations = new ArrayList<>();
    Set<AgreementStatus> statuses = EnumSet.noneOf(AgreementStatus.class);
    for (StatusParameter s : statusParameters(query.statuses())) {
      if (s.status().isEmpty()) {
        violations.add(
            new Violation(
                "status",
                "Choose a status from the list; '" + shorten(s.given()) + "' is not one"));
      } else {
        statuses.add(s.status().get());
      }
    }
    String org = query.organisation();
    if (!org.isEmpty() && organisations.get(org).isEmpty()) {
      violations.add(
          new Violation("organisation", "There is no organisation '" + shorten(org) + "'"));
    }
    String purpose = query.purpose();
    if (!purpose.isEmpty() && reference.concept("purpose", purpose).isEmpty()) {
      violations.add(new Violation("purpose", "There is no purpose '" + shorten(purpose) + "'"));
    }
    if (query.q().length() > MAX_Q) {
      violations.add(new Violation("q", "Search text must be " + MAX_Q + " characters or fewer"));
    }
    boolean descending = query.sort().startsWith("-");
    String key = descending ? query.sort().substring(1) : query.sort();
    Comparator<AgreementView.Summary> order = null;
    if (!SORT_KEYS.contains(key)) {
      violations.add(
          new Violation(
              "sort",
              "Sort by one of "
                  + String.join(", ", SORT_KEYS)
                  + " (put - before it for the reverse order)"));
    } else {
      order = comparator(key, descending);
    }
    if (!violations.isEmpty()) {
      return Result.invalid("Correct the list's parameters", violations);
    }
    String words = query.q().toLowerCase(Locale.ROOT);
    return Result.ok(
        agreements.list(actor).stream()
            .filter(a -> statuses.isEmpty() || statuses.contains(a.status()))
            .filter(a -> org.isEmpty() || a.parties().contains(org))
            .filter(a -> purpose.isEmpty() || a.purposes().contains(purpose))
            .filter(
                a ->
                    words.isEmpty()
                        || a.title().toLowerCase(Locale.ROOT).contains(words)
                        || a.id().contains(words))
            .sorted(order.thenComparing(AgreementView.Summary::id))
            .toList());
  }

  /**
   * An ended agreement whose data the caller's organisation has still to confirm destroyed or
   * returned: by when, and whether that time has passed.
   */
  public record DestructionDue(
      AgreementView.Summary agreement, Optional<Instant> due, boolean overdue) {}

  /**
   * The dashboard's queue of confirmations of destruction the caller (a party's DPO) still owes,
   * overdue first: the policy's {@code CONFIRM_DESTRUCTION} decides, not a rule here. Two reads
   * however many agreements have ended: the list, then the ended ones' graphs together.
   */
  public List<DestructionDue> destructionToConfirm(Actor actor, Instant now) {
    java.util.Map<String, AgreementView.Summary> ended = new java.util.LinkedHashMap<>();
    for (AgreementView.Summary s : agreements.list(actor)) {
      if (s.status() == AgreementStatus.TERMINATED || s.status() == AgreementStatus.EXPIRED) {
        ended.put(s.id(), s);
      }
    }
    List<DestructionDue> out = new ArrayList<>();
    if (ended.isEmpty()) {
      return out;
    }
    for (AgreementView v : agreements.views(actor, ended.keySet())) {
      if (v.can(AgreementPolicy.Action.CONFIRM_DESTRUCTION)) {
        Optional<Instant> due = v.destructionDue();
        out.add(new DestructionDue(ended.get(v.id()), due, due.filter(now::isAfter).isPresent()));
      }
    }
    out.sort(
        Comparator.comparing((DestructionDue d) -> !d.overdue())
            .thenComparing(d -> d.due().orElse(Instant.MAX))
            .thenComparing(d -> d.agreement().id()));
    return out;
  }

  /**
   * The agreements waiting for the actor's decision: those {@link AgreementPolicy} lets them decide
   * on now (a submitted version, or an amendment of one in force, their organisation has not
   * decided on), or, for a senior officer, sign off now (their DPO's approval awaiting sign-off).
   * Two reads however many agreements there are: the list, then the candidates' graphs together.
   */
  public List<AgreementView.Summary> waitingForDecision(Actor actor) {
    if (!(actor.has(Actor.Role.DPO) || actor.has(Actor.Role.SENIOR_OFFICER))
        || actor.organisation().isEmpty()) {
      return List.of();
    }
    List<AgreementView.Summary> candidates =
        agreements.list(actor).stream().filter(a -> MAY_AWAIT.contains(a.status())).toList();
    Set<String> waiting =
        Set.copyOf(
            agreements.decidable(
                actor, candidates.stream().map(AgreementView.Summary::id).toList()));
    return candidates.stream().filter(a -> waiting.contains(a.id())).toList();
  }

  /** Statuses in which a version can await decisions: submitted, or amended while in force. */
  private static final Set<AgreementStatus> MAY_AWAIT =
      EnumSet.of(
          AgreementStatus.SUBMITTED,
          AgreementStatus.APPROVED,
          AgreementStatus.ACTIVE,
          AgreementStatus.REVIEW_DUE,
          AgreementStatus.SUSPENDED);

  /** One status named in a status parameter: the name as given, and the status it names if any. */
  public record StatusParameter(String given, Optional<AgreementStatus> status) {}

  /**
   * The statuses the parameters name, each parameter a comma-separated list (blank names skipped),
   * in order, each with the status it names or empty when it names none.
   */
  public static List<StatusParameter> statusParameters(List<String> parameters) {
    List<StatusParameter> out = new ArrayList<>();
    for (String s : parameters) {
      for (String one : s.split(",")) {
        if (!one.isBlank()) {
          out.add(new StatusParameter(one, status(one)));
        }
      }
    }
    return out;
  }

  /** A status from its name, in either spelling; empty if there is none. */
  public static Optional<AgreementStatus> status(String name) {
    String n = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(AgreementStatus.values()).filter(s -> s.name().equals(n)).findFirst();
  }

  private static Comparator<AgreementView.Summary> comparator(String key, boolean descending) {
    Comparator<AgreementView.Summary> order =
        switch (key) {
          // by the words a reader sees, so the column reads in order
          case "status" -> Comparator.comparing(a -> words(a.status()));
          case "submitted" ->
              Comparator.comparing(
                  (AgreementView.Summary a) -> a.submitted().orElse(Instant.MAX),
                  Comparator.naturalOrder());
          default ->
              Comparator.comparing((AgreementView.Summary a) -> a.title().toLowerCase(Locale.ROOT))
                  .thenComparing(a -> a.submitted().orElse(Instant.MAX));
        };
    order = descending ? order.reversed() : order;
    // agreements never submitted (or from before the date was recorded) last, in either direction
    return "submitted".equals(key)
        ? Comparator.comparing((AgreementView.Summary a) -> a.submitted().isEmpty())
            .thenComparing(order)
        : order;
  }

  private static String words(AgreementStatus s) {
    return s.name().replace('_', ' ').toLowerCase(Locale.ROOT);
  }

  private static String shorten(String s) {
    return s.length() > 50 ? s.substring(0, 50) + "…" : s;
  }
}

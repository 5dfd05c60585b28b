package org.datasharing.registry.web.audit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.datasharing.registry.core.audit.AuditSearch;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Slugs;
import org.datasharing.registry.web.platform.InvalidParameter;

/**
 * The audit log's filters as request parameters, shared by {@code /api/audit/events} and the audit
 * page: {@code agreement} and {@code organisation} (identifiers), {@code person} (the user id, the
 * last segment of their IRI), {@code action} (e.g. {@code Submit}), {@code from} and {@code to}
 * (days, {@code 2026-05-31}, inclusive, UTC). A malformed one is 422 naming it.
 */
public final class AuditFilters {
  private AuditFilters() {}

  /** The filters as the audit page's form sends them; any may be absent or blank. */
  record Params(
      String agreement, String organisation, String person, String action, String from, String to) {
    AuditSearch.Filter filter(Ids ids) {
      return of(ids, agreement, organisation, person, action, from, to);
    }

    /** The filters given (not blank), by name in this order, for the page's links. */
    Map<String, String> given() {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("agreement", agreement);
      query.put("organisation", organisation);
      query.put("person", person);
      query.put("action", action);
      query.put("from", from);
      query.put("to", to);
      query.values().removeIf(v -> v == null || v.isBlank());
      return query;
    }
  }

  public static AuditSearch.Filter of(
      Ids ids,
      String agreement,
      String organisation,
      String person,
      String action,
      String from,
      String to) {
    return new AuditSearch.Filter(
        slug("agreement", agreement).map(ids::agreement),
        slug("organisation", organisation).map(ids::organisation),
        present(person)
            .map(
                p -> {
                  if (!p.matches("[A-Za-z0-9._~-]{1,200}")) {
                    throw new InvalidParameter("person", "person must be a user id");
                  }
                  return ids.user(new Actor(p, p, Optional.empty(), Set.of()));
                }),
        present(action),
        present(from).map(d -> day("from", d)),
        present(to).map(d -> day("to", d)));
  }

  private static Optional<String> present(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static Optional<String> slug(String parameter, String value) {
    Optional<String> v = present(value);
    if (v.isPresent() && !Slugs.isValid(v.get())) {
      throw new InvalidParameter(parameter, parameter + " must be an identifier");
    }
    return v;
  }

  private static LocalDate day(String parameter, String value) {
    try {
      LocalDate d = LocalDate.parse(value);
      if (d.getYear() < 1 || d.getYear() > 9999) {
        throw new InvalidParameter(
            parameter, parameter + " must be between 0001-01-01 and 9999-12-31");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new InvalidParameter(parameter, "Give " + parameter + " as a day like 2026-05-31");
    }
  }
}

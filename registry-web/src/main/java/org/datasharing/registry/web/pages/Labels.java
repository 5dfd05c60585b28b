package org.datasharing.registry.web.pages;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.catalog.CatalogService;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.register.PublicRegister;
import org.springframework.stereotype.Component;

/**
 * Words for the pages: names of organisations and datasets, labels of reference codes, statuses as
 * GOV.UK tags, dates and times the GOV.UK way. Templates call it as {@code @labels}.
 */
@Component("labels")
public class Labels {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

  /** Where the registry's users are: times are shown in UK time, summer time included. */
  static final ZoneId LONDON = ZoneId.of("Europe/London");

  private static final Pattern STATUS_WORD =
      Pattern.compile(
          "\\b("
              + String.join(
                  "|", java.util.Arrays.stream(AgreementStatus.values()).map(Enum::name).toList())
              + ")\\b");

  private final OrganisationService organisations;
  private final CatalogService catalog;
  private final ReferenceData reference;

  Labels(OrganisationService organisations, CatalogService catalog, ReferenceData reference) {
    this.organisations = organisations;
    this.catalog = catalog;
    this.reference = reference;
  }

  public String organisation(String id) {
    return id == null ? "" : organisations.get(id).map(Organisation::name).orElse(id);
  }

  /** An organisation from its IRI (audit events carry IRIs). */
  public String organisationIri(String iri) {
    return iri == null ? "" : organisation(lastSegment(iri));
  }

  public String dataset(String id) {
    return catalog.find(id).map(Dataset::title).orElse(id);
  }

  public String concept(String scheme, Object code) {
    if (code == null) {
      return "";
    }
    String c = String.valueOf(code);
    return reference.concept(scheme, c).map(reference::label).orElse(c);
  }

  public List<String> concepts(String scheme, Object codes) {
    return codes instanceof List<?> list
        ? list.stream().map(c -> concept(scheme, c)).toList()
        : codes == null ? List.of() : List.of(concept(scheme, codes));
  }

  public String status(AgreementStatus status) {
    return status == null ? "" : PublicRegister.statusLabel(status);
  }

  /** The GOV.UK tag colour of a status. */
  public String statusTag(AgreementStatus status) {
    if (status == null) {
      return "govuk-tag--grey";
    }
    return switch (status) {
      case DRAFT, EXPIRED -> "govuk-tag--grey";
      case SUBMITTED -> "govuk-tag--blue";
      case CHANGES_REQUESTED, SUSPENDED -> "govuk-tag--orange";
      case REJECTED, TERMINATED -> "govuk-tag--red";
      case APPROVED, ACTIVE -> "govuk-tag--green";
      case REVIEW_DUE -> "govuk-tag--yellow";
    };
  }

  public String outcome(String outcome) {
    if (outcome == null) {
      return "";
    }
    return switch (outcome.toLowerCase(Locale.ROOT).replace("_", "-")) {
      case "approve", "approved" -> "Approved";
      case "reject", "rejected" -> "Rejected";
      case "request-changes", "requestchanges", "changes-requested" -> "Changes requested";
      default -> outcome;
    };
  }

  public String outcomeTag(String outcome) {
    return switch (outcome(outcome)) {
      case "Approved" -> "govuk-tag--green";
      case "Rejected" -> "govuk-tag--red";
      default -> "govuk-tag--orange";
    };
  }

  /** The GOV.UK tag colour of a status given by its words, as the public register shows it. */
  public String registerTag(String label) {
    return java.util.Arrays.stream(AgreementStatus.values())
        .filter(s -> PublicRegister.registerLabel(s).equals(label))
        .findFirst()
        .map(this::statusTag)
        .orElse("govuk-tag--grey");
  }

  /** The question a clause of the full text answers, as the editor asks it. */
  public String clauseQuestion(org.datasharing.registry.core.register.PublicRegister.Clause c) {
    return FullTextWords.question(c);
  }

  /** A clause's answer, or "Withheld: ..." where the public record withholds it. */
  public String clauseAnswer(org.datasharing.registry.core.register.PublicRegister.Clause c) {
    return FullTextWords.answer(c);
  }

  /** "1 January 2027" from an ISO date; the text itself if it is not one. */
  public String date(Object iso) {
    if (iso == null) {
      return "";
    }
    try {
      return DAY.format(LocalDate.parse(String.valueOf(iso)));
    } catch (DateTimeParseException e) {
      return String.valueOf(iso);
    }
  }

  /**
   * A moment the GOV.UK way, in UK time: "3 December 2026, 2:15pm", "1 July 2026, 9am", "midday"
   * and "midnight" for 12pm and 12am.
   */
  public String time(Instant at) {
    return at == null ? "" : ukTime(at);
  }

  static String ukTime(Instant at) {
    ZonedDateTime t = at.atZone(LONDON);
    String clock;
    if (t.getMinute() == 0 && t.getHour() == 12) {
      clock = "midday";
    } else if (t.getMinute() == 0 && t.getHour() == 0) {
      clock = "midnight";
    } else {
      int h = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
      clock =
          h
              + (t.getMinute() == 0 ? "" : String.format(Locale.ROOT, ":%02d", t.getMinute()))
              + (t.getHour() < 12 ? "am" : "pm");
    }
    return DAY.format(t.toLocalDate()) + ", " + clock;
  }

  /**
   * Text written for the audit log or a refusal, in the pages' words: statuses as words and
   * organisation identifiers as their names.
   */
  public String plain(String text) {
    if (text == null) {
      return "";
    }
    String out = statusWords(text);
    for (Organisation o : organisations.list()) {
      if (o.name() != null && out.contains(o.id())) {
        out =
            out.replaceAll(
                "(?<![\\w-])" + Pattern.quote(o.id()) + "(?![\\w-])",
                Matcher.quoteReplacement(o.name()));
      }
    }
    return out;
  }

  /** Status names in a text ({@code CHANGES_REQUESTED}) as words ("changes requested"). */
  static String statusWords(String text) {
    Matcher m = STATUS_WORD.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out,
          Matcher.quoteReplacement(
              PublicRegister.statusLabel(AgreementStatus.valueOf(m.group(1)))
                  .toLowerCase(Locale.UK)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Every audit action of the ontology ({@code dsr:AuditAction}, by local name) in words: the one
   * place an event kind gets its label ({@code LabelsTest} fails for an action without one).
   */
  static final java.util.Map<String, String> ACTIONS =
      java.util.Map.ofEntries(
          java.util.Map.entry("Create", "Draft created"),
          java.util.Map.entry("Edit", "Draft edited"),
          java.util.Map.entry("Submit", "Submitted for approval"),
          java.util.Map.entry("Decide", "Decision recorded"),
          java.util.Map.entry("SignOff", "Signed off by a senior officer"),
          java.util.Map.entry("Approve", "Approved by every party"),
          java.util.Map.entry("Reject", "Rejected"),
          java.util.Map.entry("RequestChanges", "Changes requested"),
          java.util.Map.entry("Activate", "Came into force"),
          java.util.Map.entry("MarkReviewDue", "Review date reached"),
          java.util.Map.entry("Suspend", "Suspended"),
          java.util.Map.entry("Resume", "Resumed"),
          java.util.Map.entry("Terminate", "Terminated"),
          java.util.Map.entry("Expire", "Ended on its end date"),
          java.util.Map.entry("Amend", "Amendment started"),
          java.util.Map.entry("Withdraw", "Withdrawn before any decision"),
          java.util.Map.entry("Delete", "Draft deleted"),
          java.util.Map.entry("Review", "Review decision recorded"),
          java.util.Map.entry("Leave", "A party gave notice of leaving"),
          java.util.Map.entry("RecordAssurance", "Assurance recorded"),
          java.util.Map.entry("Onboard", "Organisation onboarded"),
          java.util.Map.entry("EditOrganisation", "Organisation details changed"),
          java.util.Map.entry("AddMember", "Member added"),
          java.util.Map.entry("RemoveMember", "Member removed"),
          java.util.Map.entry("AddDataset", "Dataset added"),
          java.util.Map.entry("EditDataset", "Dataset changed"),
          java.util.Map.entry("Import", "Catalogue imported"),
          java.util.Map.entry("RecordIncident", "Incident recorded"),
          java.util.Map.entry("ConfirmDestruction", "Destruction of the data confirmed"),
          java.util.Map.entry("VerifyLog", "Audit log verified"));

  /** An audit action ({@code Create}, {@code Decide}, ...) in words. */
  public String action(String action) {
    if (action == null) {
      return "";
    }
    return ACTIONS.getOrDefault(action, action.replaceAll("([a-z])([A-Z])", "$1 $2"));
  }

  /** The last path segment of an IRI, decoded (the user id of an agent IRI, for example). */
  public String lastSegment(String iri) {
    if (iri == null) {
      return "";
    }
    String s = iri.substring(iri.lastIndexOf('/') + 1);
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The version number of a version IRI ({@code .../version/2}). */
  public String versionNumber(String iri) {
    return lastSegment(iri);
  }

  public String yesNo(Object value) {
    return Boolean.TRUE.equals(value) || "true".equals(String.valueOf(value)) ? "Yes" : "No";
  }

  /** A field name of the API or of a version diff, in words. */
  public String field(String name) {
    if (name == null) {
      return "";
    }
    if (name.startsWith("party ")) {
      String[] parts = name.split(" ", 3);
      return parts.length == 3
          ? organisation(parts[1]) + ": " + Questions.label(parts[2])
          : Questions.label(name);
    }
    return Questions.label(name);
  }

  /** The UK day of an instant, "3 December 2026" (work queues: when submitted). */
  public String day(Instant at) {
    return at == null ? "" : DAY.format(at.atZone(java.time.ZoneId.of("Europe/London")));
  }

  /** An age in whole days, in words: "today", "1 day", "12 days". */
  public String days(Long days) {
    if (days == null) {
      return "";
    }
    return days <= 0 ? "Today" : days == 1 ? "1 day" : days + " days";
  }
}

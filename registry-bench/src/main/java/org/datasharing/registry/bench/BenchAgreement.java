package org.datasharing.registry.bench;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.agreement.AgreementService;

/** The agreement every benchmark drafts: complete, lawful, for any plain dataset. */
final class BenchAgreement {
  private BenchAgreement() {}

  /**
   * Drafts as the lifecycle lets it be written: the first party's partner drafts with its own
   * answers, then each other party's partner gives its own (each party answers for itself).
   */
  static void draftAsEachParty(
      AgreementService agreements, List<String> parties, String id, AgreementContent content) {
    Set<String> answered = new HashSet<>(List.of(parties.get(0)));
    agreements
        .createDraft(
            BenchActors.partner(parties.get(0)),
            Optional.of(id),
            content.withAnswersFrom(AgreementContent.NONE, o -> !answered.contains(o)))
        .orElseThrow();
    for (String org : parties.subList(1, parties.size())) {
      answered.add(org);
      agreements
          .updateDraft(
              BenchActors.partner(org),
              id,
              content.withAnswersFrom(AgreementContent.NONE, o -> !answered.contains(o)))
          .orElseThrow();
    }
  }

  /** The agreement between {@code orgs}, sharing {@code dataset}, every answer given. */
  static AgreementContent content(List<String> orgs, String dataset) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("title", "Benchmark agreement");
    f.put("purposes", List.of("direct-care"));
    f.put("purposeDescription", "Benchmark");
    f.put("benefits", "Benchmark");
    f.put("datasets", List.of(dataset));
    f.put("dataItems", List.of("Person ID"));
    f.put("minimisationJustification", "Benchmark");
    f.put("personalDataCategories", List.of("contact"));
    f.put("dataSubjectCategories", List.of("residents"));
    f.put("specialCategoryData", false);
    f.put("criminalOffenceData", false);
    for (String k :
        List.of(
            "accessArrangements",
            "sharingMethod",
            "dataSubjectRightsProcedure",
            "singlePointOfContact",
            "transparencyArrangements",
            "securityMeasures",
            "accuracyArrangements",
            "commonFormats",
            "retentionPeriod",
            "deletionArrangements",
            "dpiaReference",
            "onwardDisclosure",
            "terminationArrangements",
            "sanctions",
            "seniorSignOff",
            "successMeasures")) {
      f.put(k, "Benchmark " + k);
    }
    f.put("dpiaDate", "2026-10-01");
    f.put("dpiaOutcome", "no-high-risk");
    f.put("internationalTransfer", "none");
    // not before today: a start date before submission is refused
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate earliest = LocalDate.parse("2027-01-01");
    LocalDate start = today.isAfter(earliest) ? today : earliest;
    f.put("startDate", start.toString());
    f.put("reviewDate", start.plusMonths(6).toString());
    List<Map<String, Object>> parties = new ArrayList<>();
    for (String org : orgs) {
      parties.add(
          Map.of(
              "organisation",
              org,
              "role",
              "controller",
              "lawfulBasis",
              "public-task",
              "statutoryPower",
              "Benchmark Act",
              "contactName",
              "IG",
              "contactEmail",
              "ig@" + org + ".example"));
    }
    return new AgreementContent(f, parties);
  }
}

package org.datasharing.registry.core.agreement;

import static org.datasharing.registry.core.agreement.AgreementWrites.add;
import static org.datasharing.registry.core.agreement.AgreementWrites.timeLit;
import static org.datasharing.registry.core.common.Result.invalid;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.agreement.AgreementService.ReviewOutcome;
import org.datasharing.registry.core.agreement.AgreementWrites.Pending;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.PROV;

/**
 * The review of an agreement due for review: each party's DPO decides to continue (proposing the
 * next review date), to amend, or to end it. When every party has decided to continue, the
 * agreement is active again until the earliest date proposed, so no party's review comes later than
 * it asked; ending terminates the agreement at once.
 */
final class Reviews {

  private final AgreementWrites writes;
  private final Ids ids;
  private final Clock clock;
  private final VersionHashes hashes;

  /**
   * The longest interval between reviews: the one the data-protection rules hold a version's review
   * date to ({@code ReviewInterval}, one setting for both).
   */
  private final Period maxInterval;

  Reviews(AgreementWrites writes, Ids ids, Clock clock, VersionHashes hashes, Period maxInterval) {
    this.maxInterval = maxInterval;
    this.writes = writes;
    this.ids = ids;
    this.clock = clock;
    this.hashes = hashes;
  }

  Result<AgreementView> review(
      Actor actor,
      String id,
      ReviewOutcome outcome,
      Optional<LocalDate> nextReviewDate,
      Optional<String> reason) {
    return writes.attempt(
        id,
        actor,
        AgreementPolicy.Action.REVIEW,
        a -> {
          LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
          Optional<Violation> bad = problem(outcome, nextReviewDate, reason, today, maxInterval);
          if (bad.isPresent()) {
            return invalid(bad.get());
          }
          String org = actor.organisation().orElseThrow();
          Node ag = a.iri();
          Node inForce = a.versionInForce().orElseThrow();
          LocalDate due = a.reviewDue().orElse(today);
          Node r = ids.decision(ag, UUID.randomUUID().toString());
          List<Quad> add = new ArrayList<>();
          add(add, ag, r, RDF.type.asNode(), DSR.ReviewDecision.asNode());
          add(add, ag, r, RDF.type.asNode(), PROV.Activity.asNode());
          add(add, ag, r, DSR.reviewOf.asNode(), inForce);
          add(add, ag, r, DSR.reviewDueOn.asNode(), dateLit(due));
          add(add, ag, r, DSR.outcome.asNode(), outcome.node());
          add(add, ag, r, PROV.wasAssociatedWith.asNode(), ids.user(actor));
          add(add, ag, r, DSR.onBehalfOf.asNode(), ids.organisation(org));
          add(add, ag, r, PROV.endedAtTime.asNode(), timeLit(clock.instant()));
          Optional<LocalDate> next =
              outcome == ReviewOutcome.CONTINUE ? nextReviewDate : Optional.empty();
          next.ifPresent(d -> add(add, ag, r, DSR.nextReviewDate.asNode(), dateLit(d)));
          Optional<String> why = reason.map(String::strip).filter(s -> !s.isBlank());
          why.ifPresent(
              s -> add(add, ag, r, DSR.reason.asNode(), NodeFactory.createLiteralString(s)));
          String detail =
              "review by "
                  + org
                  + ": "
                  + outcome.name().toLowerCase()
                  + next.map(d -> " until a review on " + d).orElse("")
                  + why.map(s -> " (" + s + ")").orElse("");
          List<Quad> remove = new ArrayList<>();
          Optional<AgreementStatus> to = Optional.empty();
          if (outcome == ReviewOutcome.END) {
            to = Optional.of(AgreementStatus.TERMINATED);
            detail += "; agreement terminated";
          } else if (outcome == ReviewOutcome.CONTINUE) {
            Optional<LocalDate> agreed = agreedDate(a, org, next.orElseThrow());
            if (agreed.isPresent()) {
              to = Optional.of(AgreementStatus.ACTIVE);
              a.triples(ag, DSR.nextReviewDate.asNode()).forEach(t -> remove.add(new Quad(ag, t)));
              add(add, ag, ag, DSR.nextReviewDate.asNode(), dateLit(agreed.get()));
              detail += "; every party continues: active again, next review on " + agreed.get();
            }
          }
          if (to.isPresent()) {
            Pending moved = writes.statusTo(a, to.get(), DSR.Review.asNode(), "review: " + detail);
            remove.addAll(moved.remove());
            add.addAll(moved.add());
          }
          return Result.ok(
              new Pending(
                  remove, add, DSR.Review.asNode(), inForce, hashes.of(a, inForce), detail));
        });
  }

  /**
   * The next review date once this decision is recorded, if every party has now decided to
   * continue: the earliest date proposed.
   */
  private static Optional<LocalDate> agreedDate(
      AgreementSnapshot a, String org, LocalDate proposed) {
    Map<String, AgreementSnapshot.Review> round = a.currentReview();
    Set<String> reviewers = AgreementPolicy.reviewers(a);
    LocalDate earliest = proposed;
    for (String other : reviewers) {
      if (other.equals(org)) {
        continue;
      }
      AgreementSnapshot.Review r = round.get(other);
      if (r == null
          || !r.outcome().equals(DSR.ContinueSharing.asNode())
          || r.nextReviewDate().isEmpty()) {
        return Optional.empty();
      }
      if (r.nextReviewDate().get().isBefore(earliest)) {
        earliest = r.nextReviewDate().get();
      }
    }
    return Optional.of(earliest);
  }

  /** What is wrong with the decision's answers, by field. */
  private static Optional<Violation> problem(
      ReviewOutcome outcome,
      Optional<LocalDate> next,
      Optional<String> reason,
      LocalDate today,
      Period maxInterval) {
    if (outcome == ReviewOutcome.CONTINUE) {
      if (next.isEmpty()) {
        return Optional.of(
            new Violation("nextReviewDate", "Give the date of the next review to continue"));
      }
      if (!next.get().isAfter(today)) {
        return Optional.of(
            new Violation("nextReviewDate", "The next review date must be after today"));
      }
      LocalDate latest = today.plus(maxInterval);
      if (next.get().isAfter(latest)) {
        return Optional.of(
            new Violation(
                "nextReviewDate",
                "The next review must be no later than "
                    + latest
                    + ", so the parties check regularly that the sharing is still necessary"));
      }
    }
    if (outcome == ReviewOutcome.END && reason.filter(r -> !r.isBlank()).isEmpty()) {
      return Optional.of(new Violation("reason", "Give a reason for ending the sharing"));
    }
    return Optional.empty();
  }

  private static Node dateLit(LocalDate d) {
    return NodeFactory.createLiteralDT(d.toString(), XSDDatatype.XSDdate);
  }
}

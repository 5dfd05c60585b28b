package org.datasharing.registry.core.agreement;

import static org.datasharing.registry.core.common.Result.notFound;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;

/**
 * The clock's part of the lifecycle: approved agreements start on their start date, are due for
 * review from their review date and expire after their end date.
 */
final class DateTransitions {
  private final AgreementWrites writes;
  private final RegistryStore store;
  private final Ids ids;
  private final Clock clock;

  DateTransitions(AgreementWrites writes, RegistryStore store, Ids ids, Clock clock) {
    this.writes = writes;
    this.store = store;
    this.ids = ids;
    this.clock = clock;
  }

  /** Moves every agreement that is due by today's date; returns how many moved. */
  int tick() {
    int moved = 0;
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    for (var b : store.select(Queries.get("agreements-due"))) {
      String id = ids.slug(b.get("ag"), "agreement").orElse(null);
      if (id == null) {
        continue;
      }
      Result<AgreementView> r =
          writes.attempt(
              id,
              a -> {
                Node v = a.versionInForce().orElse(a.currentVersion());
                Optional<LocalDate> start = a.date(v, DSR.startDate.asNode());
                // the date agreed at the last review, if any, replaces the version's
                Optional<LocalDate> review = a.reviewDue();
                Optional<LocalDate> end = a.date(v, DSR.endDate.asNode());
                AgreementStatus s = a.status();
                AgreementStatus target = null;
                if (end.filter(today::isAfter).isPresent()
                    && s.canMoveTo(AgreementStatus.EXPIRED)) {
                  target = AgreementStatus.EXPIRED;
                } else if (s == AgreementStatus.APPROVED
                    && start.filter(d -> !today.isBefore(d)).isPresent()) {
                  target =
                      review.filter(d -> !today.isBefore(d)).isPresent()
                          ? AgreementStatus.REVIEW_DUE
                          : AgreementStatus.ACTIVE;
                } else if (s == AgreementStatus.ACTIVE
                    && review.filter(d -> !today.isBefore(d)).isPresent()) {
                  target = AgreementStatus.REVIEW_DUE;
                }
                if (target == null) {
                  return notFound("nothing to do");
                }
                Node action =
                    switch (target) {
                      case EXPIRED -> DSR.Expire.asNode();
                      case REVIEW_DUE -> DSR.MarkReviewDue.asNode();
                      default -> DSR.Activate.asNode();
                    };
                return Result.ok(writes.statusTo(a, target, action, "by date on " + today));
              },
              Actor.system());
      if (r.ok()) {
        moved++;
      }
    }
    return moved;
  }
}

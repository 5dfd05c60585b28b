package org.datasharing.registry.core.agreement;

import static org.datasharing.registry.core.common.Result.invalid;

import java.util.Optional;
import org.apache.jena.graph.Node;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.ontology.vocab.DSR;

/** What a party may do to an agreement once approved: suspend, resume or terminate it. */
final class AfterApproval {
  private final AgreementWrites writes;

  AfterApproval(AgreementWrites writes) {
    this.writes = writes;
  }

  Result<AgreementView> suspend(Actor actor, String id, String reason) {
    return endOrPause(actor, id, reason, AgreementStatus.SUSPENDED, DSR.Suspend.asNode());
  }

  Result<AgreementView> resume(Actor actor, String id, String reason) {
    return endOrPause(actor, id, reason, AgreementStatus.ACTIVE, DSR.Resume.asNode());
  }

  Result<AgreementView> terminate(Actor actor, String id, String reason) {
    return endOrPause(actor, id, reason, AgreementStatus.TERMINATED, DSR.Terminate.asNode());
  }

  private Result<AgreementView> endOrPause(
      Actor actor, String id, String reason, AgreementStatus target, Node action) {
    return writes.attempt(
        id,
        a -> {
          if (reason == null || reason.isBlank()) {
            return invalid(new Violation("reason", "Give a reason"));
          }
          AgreementPolicy.Action act =
              switch (target) {
                case SUSPENDED -> AgreementPolicy.Action.SUSPEND;
                case ACTIVE -> AgreementPolicy.Action.RESUME;
                default -> AgreementPolicy.Action.TERMINATE;
              };
          Optional<AgreementPolicy.Refusal> refused = AgreementPolicy.check(actor, a, act);
          if (refused.isPresent()) {
            return refused.get().result();
          }
          // an agreement suspended before its start date resumes as approved, and the clock starts
          // it on that date, as it would have
          AgreementStatus to =
              target == AgreementStatus.ACTIVE && !writes.started(a)
                  ? AgreementStatus.APPROVED
                  : target;
          return Result.ok(writes.statusTo(a, to, action, reason.strip()));
        },
        actor);
  }
}

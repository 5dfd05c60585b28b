package org.datasharing.registry.core.agreement;

import java.util.List;
import org.apache.jena.graph.Node;
import org.datasharing.registry.core.agreement.AgreementWrites.Pending;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.ontology.vocab.DSR;

/**
 * The drafting organisation takes its work back: withdraws a submitted version before anyone
 * decided on it (a draft again), or deletes a draft that was never submitted. Both are audited.
 */
final class Withdrawal {
  private final AgreementWrites writes;
  private final VersionHashes hashes;

  Withdrawal(AgreementWrites writes, VersionHashes hashes) {
    this.writes = writes;
    this.hashes = hashes;
  }

  Result<AgreementView> withdraw(Actor actor, String id) {
    return writes.attempt(
        id,
        actor,
        AgreementPolicy.Action.WITHDRAW,
        a -> {
          return Result.ok(
              writes.workflowTo(
                  a,
                  AgreementStatus.DRAFT,
                  DSR.Withdraw.asNode(),
                  "version " + a.number(a.currentVersion()) + " withdrawn before any decision"));
        });
  }

  Result<String> delete(Actor actor, String id) {
    return writes.removeGraph(
        id,
        actor,
        AgreementPolicy.Action.DELETE,
        a -> {
          Node v = a.currentVersion();
          return Result.ok(
              new Pending(
                  List.of(),
                  List.of(),
                  DSR.Delete.asNode(),
                  v,
                  hashes.of(a, v),
                  "draft " + a.slug() + " deleted before it was ever submitted"));
        });
  }
}

package org.datasharing.registry.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.datasharing.registry.core.audit.AuditLog;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.ontology.vocab.DSR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write transaction that fails with an {@link Error} (TDB2's memory-mapped files fault with
 * {@link InternalError} when the disk is full): found by the disk-full harness, where the Error
 * escaped the group commit and left the other writers of the batch with a null outcome.
 */
class TdbWriteFailureTest {
  static final Node G = NodeFactory.createURI("http://localhost:8080/id/agreement/test");
  static final Node P = NodeFactory.createURI("https://example.org/p");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  final AuditLog audit = new AuditLog(new Ids("http://localhost:8080/id/"), CLOCK);

  Change change(String value, boolean fault) {
    Change.AuditAppender real =
        audit.appender(audit.event(DSR.Edit.asNode(), Actor.system(), G, null, null, "test"));
    return new Change(
        List.of(),
        List.of(),
        List.of(Quad.create(G, G, P, NodeFactory.createLiteralString(value))),
        head -> {
          if (fault) {
            throw new InternalError(
                "a fault occurred in a recent unsafe memory access operation in compiled Java code");
          }
          return real.append(head);
        });
  }

  @Test
  void aWriteFaultingWithAnError_failsAsAnException_writesNothing_andTheNextWriteCommits() {
    try (TdbRegistryStore store = TdbRegistryStore.open(dir.resolve("tdb"))) {
      assertThatThrownBy(() -> store.commit(change("lost", true)))
          .isInstanceOf(RuntimeException.class)
          .hasRootCauseInstanceOf(InternalError.class);
      assertThat(store.graph(G).isEmpty()).isTrue();
      assertThat(store.logHead().size()).isZero();

      assertThat(store.commit(change("kept", false)))
          .isEqualTo(RegistryStore.CommitOutcome.APPLIED);
      assertThat(store.logHead().size()).isEqualTo(1);
    }
  }

  @Test
  void diskFull_isNamed_whenTheFileStoreHasNoSpaceLeft() {
    Optional<DiskFull> full =
        DiskFull.of(
            dir,
            new java.io.UncheckedIOException(new java.io.IOException("No space left on device")));
    assertThat(full).isPresent();
    assertThat(full.get().getMessage()).contains("is full");
    // a fault with plenty of space is not called a full disk
    assertThat(DiskFull.of(dir, new InternalError("a fault occurred"))).isEmpty();
  }
}

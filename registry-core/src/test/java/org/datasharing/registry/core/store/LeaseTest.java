package org.datasharing.registry.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.datasharing.registry.core.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two scheduler instances sharing one store: exactly one holds the lease at a time. */
class LeaseTest {
  @TempDir Path dir;
  TdbRegistryStore store;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
  Lease a;
  Lease b;

  @BeforeEach
  void open() {
    store = TdbRegistryStore.open(dir.resolve("tdb"));
    a = new Lease(store, clock, "scheduler", "instance-a", Duration.ofSeconds(30));
    b = new Lease(store, clock, "scheduler", "instance-b", Duration.ofSeconds(30));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void twoInstances_exactlyOneHoldsTheLease_whileItRenews() {
    assertThat(a.renew()).isTrue();
    assertThat(b.renew()).isFalse();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(10));
      assertThat(a.renew()).isTrue();
      assertThat(b.renew()).isFalse();
      assertThat(a.held()).isTrue();
      assertThat(b.held()).isFalse();
    }
  }

  @Test
  void holderThatStops_losesTheLease_toTheOtherOnceItExpires() {
    assertThat(a.renew()).isTrue();
    clock.advance(Duration.ofSeconds(29));
    assertThat(b.renew()).isFalse();
    clock.advance(Duration.ofSeconds(2));
    assertThat(a.held()).isFalse(); // its own view expires with the lease
    assertThat(b.renew()).isTrue();
    assertThat(a.renew()).isFalse();
  }

  @Test
  void release_letsTheOtherTakeItAtOnce() {
    assertThat(a.renew()).isTrue();
    a.release();
    assertThat(a.held()).isFalse();
    assertThat(b.renew()).isTrue();
  }

  @Test
  void unreachableStore_meansTheLeaseIsNotHeld() {
    Lease remote =
        new Lease(
            new SparqlRegistryStore(SparqlRegistryStore.Endpoints.fuseki("http://127.0.0.1:9/ds")),
            clock,
            "scheduler",
            "instance-c",
            Duration.ofSeconds(30));
    assertThat(remote.renew()).isFalse();
    assertThat(remote.held()).isFalse();
  }
}

package org.datasharing.registry.web.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.datasharing.registry.core.store.Lease;
import org.datasharing.registry.core.store.TdbRegistryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two registry instances' schedulers on one store: the scheduled work runs on exactly one. */
class ScheduledWorkTest {
  @TempDir Path dir;
  TdbRegistryStore store;
  ScheduledWork a;
  ScheduledWork b;

  @BeforeEach
  void open() {
    store = TdbRegistryStore.open(dir.resolve("tdb"));
    a = instance("a");
    b = instance("b");
  }

  ScheduledWork instance(String name) {
    return new ScheduledWork(
        new Lease(store, Clock.systemUTC(), "scheduler", name, Duration.ofSeconds(30)));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void twoSchedulers_ticksRunOnExactlyOne() throws Exception {
    AtomicInteger onA = new AtomicInteger();
    AtomicInteger onB = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        CountDownLatch start = new CountDownLatch(1);
        var ranA =
            pool.submit(
                () -> {
                  start.await();
                  a.heartbeat();
                  return a.runIfHeld(onA::incrementAndGet);
                });
        var ranB =
            pool.submit(
                () -> {
                  start.await();
                  b.heartbeat();
                  return b.runIfHeld(onB::incrementAndGet);
                });
        start.countDown();
        assertThat(ranA.get(10, TimeUnit.SECONDS) ^ ranB.get(10, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    // the same instance kept it throughout
    assertThat(onA.get() + onB.get()).isEqualTo(20);
    assertThat(Math.min(onA.get(), onB.get())).isZero();
  }

  @Test
  void holderShuttingDown_handsTheWorkToTheOther() {
    AtomicInteger runs = new AtomicInteger();
    assertThat(a.runIfHeld(runs::incrementAndGet)).isTrue();
    assertThat(b.runIfHeld(runs::incrementAndGet)).isFalse();
    a.release();
    assertThat(b.runIfHeld(runs::incrementAndGet)).isTrue();
    assertThat(a.runIfHeld(runs::incrementAndGet)).isFalse();
    assertThat(runs).hasValue(2);
  }
}

package org.datasharing.registry.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.store.SparqlRegistryStore;
import org.datasharing.registry.core.support.InProcessFuseki;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two registry instances on one remote store: each one's search index follows the other's commits
 * within two seconds without a search triggering it, and an index kept on disk catches up on
 * restart with what was committed while it was down.
 */
class SearchFollowsOtherInstancesTest {
  @TempDir Path dir;
  InProcessFuseki fuseki;
  TestRegistry a;

  @BeforeEach
  void open() {
    fuseki = InProcessFuseki.withSampleData(dir);
    a = fuseki.registry();
  }

  @AfterEach
  void close() {
    a.close();
    fuseki.close();
  }

  Registry instance(Optional<Path> index) {
    return new Registry(
        new SparqlRegistryStore(fuseki.endpoints()),
        TestRegistry.BASE,
        Clock.systemUTC(),
        true,
        index);
  }

  @Test
  void otherInstancesCommit_reachesThisIndex_withinTwoSeconds_withoutASearch() throws Exception {
    Registry b = instance(Optional.empty());
    int before = b.search().indexed();
    try (AutoCloseable following = b.search().follow(Duration.ofMillis(250))) {
      a.registry.catalog().create(dpo(TRUST), dataset("zebrafish-observations")).orElseThrow();
      long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (b.search().indexed() == before && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      assertThat(b.search().indexed()).isEqualTo(before + 1);
    }
  }

  @Test
  void indexKeptOnDisk_catchesUpOnRestart_withWhatOthersCommittedMeanwhile() {
    Path index = dir.resolve("index-b");
    Registry b = instance(Optional.of(index));
    int before = b.search().indexed();
    b.search().close();

    a.registry.catalog().create(dpo(TRUST), dataset("zebrafish-observations")).orElseThrow();

    Registry restarted = instance(Optional.of(index));
    assertThat(restarted.search().indexed()).isEqualTo(before + 1);
    restarted.search().close();
  }

  static Dataset dataset(String id) {
    return new Dataset(
        id,
        TRUST,
        "Zebrafish observations",
        "Observed zebrafish in the hospital pond.",
        List.of("environment"),
        List.of("ponds"),
        List.of(),
        List.of(),
        false,
        false,
        List.of("Observation date"),
        true,
        List.of("open"),
        List.of());
  }
}

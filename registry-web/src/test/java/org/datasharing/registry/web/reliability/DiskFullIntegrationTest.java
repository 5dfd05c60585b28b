package org.datasharing.registry.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TDB2 folder on a small tmpfs that fills up while the registry writes: each write then answers
 * 503 problem+json naming the full disk, reads still work, nothing is corrupted (the audit log
 * verifies), and writes work again once space is freed. Mounting needs root (CI runs as root);
 * otherwise the test is skipped saying so. The registry runs as a child process, so that a fault in
 * a memory-mapped file (TDB2's indexes) cannot take the test JVM with it.
 */
class DiskFullIntegrationTest {
  @TempDir Path dir;
  Path mount;
  ChildRegistry child;

  @Test
  void fullDisk_answers503NamingIt_corruptsNothing_andWritesResumeWhenSpaceIsFreed()
      throws Exception {
    assumeTrue(
        "0".equals(run("id", "-u").strip()),
        "skipped: mounting a small tmpfs for the store needs root (CI runs as root)");
    mount = Files.createDirectories(dir.resolve("small-disk"));
    String mounted = run("mount", "-t", "tmpfs", "-o", "size=160m", "tmpfs", mount.toString());
    assumeTrue(
        run("sh", "-c", "mount | grep -c " + mount).strip().equals("1"),
        "skipped: cannot mount a tmpfs here: " + mounted);

    try (TestIssuer issuer = new TestIssuer()) {
      child =
          new ChildRegistry(
              mount.resolve("tdb2"), dir.resolve("registry.log"), issuer.issuer(), List.of());
      child.start();
      Workload w = new Workload(issuer::token);
      w.target(child.base());

      // fill the disk but for a few megabytes, which the writes below then use up
      Path filler = mount.resolve("filler");
      long freeMb = Files.getFileStore(mount).getUsableSpace() / (1024 * 1024);
      run("sh", "-c", "dd if=/dev/zero of=" + filler + " bs=1M count=" + (freeMb - 3) + " 2>&1");
      assertThat(Files.getFileStore(mount).getUsableSpace()).isLessThan(4L * 1024 * 1024);

      Workload.Answer refused = null;
      int written = 0;
      for (int i = 0; i < 1000 && refused == null; i++) {
        Workload.Answer a = w.sendDraft("dsa-full-" + i);
        if (a.status() == 201) {
          written++;
        } else {
          refused = a;
        }
      }
      assertThat(refused).as("a write refused once the disk is full").isNotNull();
      assertThat(refused.status()).as("%s", refused.body()).isEqualTo(503);
      assertThat(refused.body().get("detail").asText())
          .containsIgnoringCase("disk")
          .contains("full");
      assertThat(refused.body().toString()).doesNotContain("Exception", "at org.");
      // reads still work
      assertThat(w.send(SampleUser.AUDITOR, "GET", "/api/agreements", null, null).status())
          .isEqualTo(200);

      Files.delete(filler);
      Workload.Answer again = w.sendDraft("dsa-after-free");
      assertThat(again.status()).as("%s", again.body()).isEqualTo(201);
      Workload.Answer verify = w.send(SampleUser.AUDITOR, "GET", "/api/audit/verify", null, null);
      assertThat(verify.status()).isEqualTo(200);
      assertThat(verify.body().get("intact").asBoolean()).as("%s", verify.body()).isTrue();
      System.out.printf(
          "disk full: %d drafts written before the disk filled, then %d%n",
          written, refused.status());
      child.stop();
      child = null;
      // and the folder opens and verifies after a restart, the failed writes absent
      StoreChecks.Report report =
          StoreChecks.check(mount.resolve("tdb2"), new Workload(issuer::token));
      assertThat(report.problems()).isEmpty();
    }
  }

  @AfterEach
  void unmount() throws Exception {
    if (child != null) {
      child.kill();
    }
    if (mount != null) {
      run("umount", "-l", mount.toString());
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }
}

package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jar the build packages (and the Docker image runs, docker/Dockerfile) holds no dev service
 * and no dev secret: the Keycloak and GreenMail dev services live in the module registry-dev, a
 * test dependency, and the sample realm's published client secrets only there. Reads the repackaged
 * jar after {@code package}, every class and resource in it, nested jars included.
 */
class ProductionJarIntegrationTest {
  /** What the dev module and the sample realm would bring: its classes and its secrets. */
  static final List<String> DEV_MARKERS =
      List.of(
          "registry-web-dev-secret",
          "registry-admin-api-dev-secret",
          "org/datasharing/registry/dev/",
          "DevRegistryApplication",
          "KeycloakDevService",
          "GreenMailDevService");

  static Path jar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      List<Path> jars =
          files.filter(p -> p.getFileName().toString().matches("registry-web-.*\\.jar")).toList();
      assertThat(jars).as("the packaged jar in target/").hasSize(1);
      return jars.get(0);
    }
  }

  @Test
  void packagedJar_holdsNoDevServiceClass_andNoDevSecret() throws Exception {
    List<String> found = new ArrayList<>();
    int classes = 0;
    try (JarFile jar = new JarFile(jar().toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Start-Class"))
          .isEqualTo(RegistryApplication.class.getName());
      for (JarEntry e : jar.stream().toList()) {
        if (e.isDirectory() || e.getName().startsWith("META-INF/maven/")) {
          continue; // the build's own pom names the test dependency; it is no code
        }
        if (e.getName().startsWith("BOOT-INF/classes/") && e.getName().endsWith(".class")) {
          classes++;
        }
        try (InputStream in = jar.getInputStream(e)) {
          if (e.getName().startsWith("BOOT-INF/lib/")) {
            assertThat(e.getName()).doesNotContain("registry-dev");
            scanNested(e.getName(), in, found);
          } else {
            scan(e.getName(), in.readAllBytes(), found);
          }
        }
      }
    }
    assertThat(classes).as("the registry's own classes are in the jar").isGreaterThan(100);
    assertThat(found).isEmpty();
  }

  /** The registry's own modules' jars (core, ontology), entry by entry; libraries by name only. */
  static void scanNested(String name, InputStream in, List<String> found) throws IOException {
    String file = name.substring(name.lastIndexOf('/') + 1);
    if (!file.startsWith("registry-") && !file.startsWith("ontology-")) {
      return;
    }
    JarInputStream nested = new JarInputStream(in);
    for (JarEntry e = nested.getNextJarEntry(); e != null; e = nested.getNextJarEntry()) {
      if (!e.isDirectory() && !e.getName().startsWith("META-INF/maven/")) {
        scan(name + "!" + e.getName(), nested.readAllBytes(), found);
      }
    }
  }

  static void scan(String name, byte[] content, List<String> found) {
    String text = new String(content, StandardCharsets.ISO_8859_1);
    for (String marker : DEV_MARKERS) {
      if (name.contains(marker) || text.contains(marker)) {
        found.add(name + " contains " + marker);
      }
    }
  }
}

package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The scaled compose variant ({@code docker/docker-compose.scaled.yml} over the base file): two
 * registry replicas behind an official nginx image that alone publishes the registry's port, page
 * sessions in the official Redis image. No Docker engine runs in the build, so the files are
 * checked as files.
 */
class ScaledComposeFilesTest {
  static Path docker;
  static String scaledText;
  static Map<String, Object> scaled;
  static String nginx;

  @BeforeAll
  static void readFiles() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("docker/docker-compose.yml"))) {
        docker = dir.resolve("docker");
        break;
      }
    }
    scaledText = Files.readString(docker.resolve("docker-compose.scaled.yml"));
    // Compose's !reset tag (drop the base file's list) means nothing to a plain YAML parser
    scaled = new Yaml().load(scaledText.replace("!reset ", ""));
    nginx = Files.readString(docker.resolve("lb/nginx.conf"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void scaledVariant_runsTwoRegistryReplicas_withoutTheirOwnHostPort() {
    Map<String, Object> registry = service("registry");
    assertThat(map(registry.get("deploy"))).containsEntry("replicas", 2);
    assertThat(scaledText).contains("ports: !reset []");
    assertThat((List<Object>) registry.get("ports")).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void loadBalancer_isAnOfficialNginxImage_onTheRegistryPort_withItsConfigMounted() {
    Map<String, Object> lb = service("lb");
    assertThat((String) lb.get("image")).startsWith("nginx:");
    assertThat((List<Object>) lb.get("ports")).containsExactly("8080:8080");
    assertThat((List<Object>) lb.get("volumes"))
        .containsExactly("./lb/nginx.conf:/etc/nginx/nginx.conf:ro");
    assertThat(docker.resolve("lb/nginx.conf")).exists();
  }

  @Test
  @SuppressWarnings("unchecked")
  void replicas_keepPageSessionsInRedis_theOfficialImage_startedFirst() {
    Map<String, Object> registry = service("registry");
    assertThat(map(registry.get("environment")))
        .containsEntry("REGISTRY_SESSIONS_STORE", "redis")
        .containsEntry("SPRING_DATA_REDIS_HOST", "redis");
    assertThat(map(map(registry.get("depends_on")).get("redis")))
        .containsEntry("condition", "service_healthy");
    Map<String, Object> redis = service("redis");
    assertThat((String) redis.get("image")).startsWith("redis:7.2");
    assertThat((List<Object>) map(redis.get("healthcheck")).get("test"))
        .startsWith("CMD", "redis-cli")
        .endsWith("ping");
    // not published: only the replicas reach it
    assertThat(redis).doesNotContainKey("ports");
  }

  @Test
  @SuppressWarnings("unchecked")
  void redis_asksForThePasswordTheReplicasSend_andBoundsItsMemory() {
    Map<String, Object> registry = service("registry");
    Object password = map(registry.get("environment")).get("SPRING_DATA_REDIS_PASSWORD");
    assertThat(password).asString().startsWith("${REDIS_PASSWORD");
    Map<String, Object> redis = service("redis");
    List<Object> command = (List<Object>) redis.get("command");
    assertThat(command).containsSubsequence("--requirepass", password);
    // sessions carry a time to live: when full, Redis drops the least recently used session
    // (that browser signs in again) instead of refusing every new sign-in
    assertThat(command).containsSubsequence("--maxmemory-policy", "volatile-lru");
    assertThat(command).contains("--maxmemory");
    // the health check must authenticate too, or Redis never becomes healthy
    assertThat((List<Object>) map(redis.get("healthcheck")).get("test"))
        .containsSubsequence("-a", password);
  }

  @Test
  void nginx_spreadsOverEveryReplica_withoutStickySessions_andPassesForwardedHeaders() {
    assertThat(nginx)
        .contains("server registry:8080 resolve;")
        .contains("resolver 127.0.0.11")
        .doesNotContain("ip_hash", "sticky", "hash $cookie")
        .contains("listen 8080;")
        .contains("proxy_pass http://registry;")
        .contains("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host");
    // never retries a POST on the other replica (nginx's default without non_idempotent)
    assertThat(nginx).doesNotContain("non_idempotent");
  }

  private static Map<String, Object> service(String name) {
    return map(map(scaled.get("services")).get(name));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object yaml) {
    return yaml == null ? Map.of() : (Map<String, Object>) yaml;
  }
}

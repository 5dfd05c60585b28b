package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monitoring files under {@code docker/} (no Docker engine here, so checked as files):
 * Prometheus scrapes the registry's metrics endpoint with the token the compose file gives the
 * registry, and Grafana is provisioned with that Prometheus and a dashboard that parses.
 */
class MonitoringFilesTest {
  static final Path DOCKER = Path.of("../docker");

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(String file) throws IOException {
    return new Yaml().load(Files.readString(DOCKER.resolve(file)));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> service(String name) throws IOException {
    return (Map<String, Object>)
        ((Map<String, Object>) yaml("docker-compose.yml").get("services")).get(name);
  }

  @Test
  @SuppressWarnings("unchecked")
  void prometheus_scrapesTheRegistry_withTheTokenTheRegistryIsGiven() throws IOException {
    Map<String, Object> prometheus = service("prometheus");
    assertThat((List<String>) prometheus.get("volumes"))
        .contains(
            "./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
            "./prometheus/scrape-token:/etc/prometheus/scrape-token:ro");
    Map<String, Object> job =
        ((List<Map<String, Object>>) yaml("prometheus/prometheus.yml").get("scrape_configs"))
            .get(0);
    assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
    Map<String, Object> authorization = (Map<String, Object>) job.get("authorization");
    assertThat(authorization.get("type")).isEqualTo("Bearer");
    assertThat(authorization.get("credentials_file")).isEqualTo("/etc/prometheus/scrape-token");
    assertThat(
            (List<String>)
                ((List<Map<String, Object>>) job.get("static_configs")).get(0).get("targets"))
        .containsExactly("registry:8080");

    String token = Files.readString(DOCKER.resolve("prometheus/scrape-token")).strip();
    Map<String, Object> environment = (Map<String, Object>) service("registry").get("environment");
    assertThat(environment.get("REGISTRY_METRICS_SCRAPE_TOKEN"))
        .isEqualTo("${REGISTRY_METRICS_SCRAPE_TOKEN:-" + token + "}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void grafana_isProvisionedWithPrometheus_andTheRegistryDashboard() throws IOException {
    Map<String, Object> datasource =
        ((List<Map<String, Object>>)
                yaml("grafana/provisioning/datasources/prometheus.yml").get("datasources"))
            .get(0);
    assertThat(datasource.get("type")).isEqualTo("prometheus");
    assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");

    JsonNode dashboard =
        JsonMapper.builder().build().readTree(DOCKER.resolve("grafana/dashboards/registry.json"));
    assertThat(dashboard.path("uid").asString()).isEqualTo("data-sharing-registry");
    assertThat(dashboard.path("panels").size()).isGreaterThan(5);
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(panel.path("datasource").path("uid").asString())
          .as(panel.path("title").asString())
          .isEqualTo(datasource.get("uid"));
      assertThat(panel.path("targets").size()).as(panel.path("title").asString()).isPositive();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("expr").asString()).isNotBlank();
      }
    }
    // the registry's operational metrics each have a panel (MetricsEndpointTest: all published)
    String panels = dashboard.path("panels").toString();
    assertThat(panels)
        .contains(
            "registry_store_commit_batch_changes",
            "registry_store_compactions_total",
            "registry_store_compaction_last_duration_seconds",
            "registry_import_datasets_processed",
            "registry_notifications",
            "registry_keycloak_admin_failures_total");
    assertThat((List<String>) service("grafana").get("volumes"))
        .contains(
            "./grafana/provisioning:/etc/grafana/provisioning:ro",
            "./grafana/dashboards:/var/lib/grafana/dashboards:ro");
    Map<String, Object> provider =
        ((List<Map<String, Object>>)
                yaml("grafana/provisioning/dashboards/registry.yml").get("providers"))
            .get(0);
    assertThat(((Map<String, Object>) provider.get("options")).get("path"))
        .isEqualTo("/var/lib/grafana/dashboards");
  }
}

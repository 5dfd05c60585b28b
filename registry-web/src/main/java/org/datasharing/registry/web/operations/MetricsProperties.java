package org.datasharing.registry.web.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code registry.metrics.*}: how Prometheus may scrape {@code /actuator/prometheus} and how fresh
 * the gauges that query the store are.
 *
 * @param scrapeToken a bearer token that may read {@code /actuator/prometheus} (and nothing else);
 *     empty: only registry administrators may. Set it from {@code REGISTRY_METRICS_SCRAPE_TOKEN}.
 * @param gaugeRefresh how long the store-backed gauges (agreements by status, store size on disk)
 *     keep a value before querying again, so a scrape every few seconds costs one query per period
 */
@ConfigurationProperties("registry.metrics")
public record MetricsProperties(String scrapeToken, @DefaultValue("30s") Duration gaugeRefresh) {
  public MetricsProperties {
    scrapeToken = scrapeToken == null ? "" : scrapeToken.strip();
  }

  /** Is a scrape token configured? */
  public boolean hasScrapeToken() {
    return !scrapeToken.isEmpty();
  }

  @Override
  public String toString() {
    return "MetricsProperties[scrapeToken="
        + (hasScrapeToken() ? "***" : "")
        + ", gaugeRefresh="
        + gaugeRefresh
        + "]";
  }
}

package org.datasharing.registry.core.agreement;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.datasharing.registry.ontology.vocab.DSR;

/**
 * A personal data breach or other incident affecting data shared under an agreement, as a party
 * reports it: when it was discovered, what happened, which data it affected, what kind of breach it
 * was and how severe. Where it is likely to result in a risk to people, the controller reports it
 * to the ICO within {@link #ICO_DEADLINE} of discovery (UK GDPR Article 33(1)).
 */
public record Incident(
    Instant discoveredAt, String description, Kind kind, Severity severity, String dataAffected) {

  /** The time a controller has to report a breach to the ICO, from discovery (Article 33(1)). */
  public static final Duration ICO_DEADLINE = Duration.ofHours(72);

  /** What the incident did to the data (the ICO's three kinds of personal data breach). */
  public enum Kind {
    CONFIDENTIALITY(DSR.ConfidentialityBreach.asNode()),
    INTEGRITY(DSR.IntegrityBreach.asNode()),
    AVAILABILITY(DSR.AvailabilityBreach.asNode());

    private final Node node;

    Kind(Node node) {
      this.node = node;
    }

    public Node node() {
      return node;
    }

    /** The API's word for it: {@code confidentiality}, ... */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Kind> of(Node node) {
      return Arrays.stream(values()).filter(k -> k.node.equals(node)).findFirst();
    }

    public static Optional<Kind> ofCode(String code) {
      return Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst();
    }
  }

  /**
   * The risk to the people the data is about: what decides whether the ICO must be told (Article
   * 33) and whether the people must be (Article 34).
   */
  public enum Severity {
    RISK_UNLIKELY(DSR.RiskUnlikely.asNode()),
    RISK(DSR.Risk.asNode()),
    HIGH_RISK(DSR.HighRisk.asNode());

    private final Node node;

    Severity(Node node) {
      this.node = node;
    }

    public Node node() {
      return node;
    }

    /** The API's word for it: {@code risk-unlikely}, {@code risk}, {@code high-risk}. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Whether the controller must report it to the ICO (Article 33(1)). */
    public boolean reportable() {
      return this != RISK_UNLIKELY;
    }

    /** Whether the people affected must be told without undue delay (Article 34(1)). */
    public boolean tellPeople() {
      return this == HIGH_RISK;
    }

    public static Optional<Severity> of(Node node) {
      return Arrays.stream(values()).filter(s -> s.node.equals(node)).findFirst();
    }

    public static Optional<Severity> ofCode(String code) {
      return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }
  }

  /** When the report to the ICO is due, for an incident that must be reported. */
  public Optional<Instant> icoReportDue() {
    return icoReportDue(discoveredAt, severity);
  }

  static Optional<Instant> icoReportDue(Instant discoveredAt, Severity severity) {
    return severity.reportable() ? Optional.of(discoveredAt.plus(ICO_DEADLINE)) : Optional.empty();
  }
}

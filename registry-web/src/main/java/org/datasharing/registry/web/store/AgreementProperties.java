package org.datasharing.registry.web.store;

import java.time.Period;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Agreement rules a deployment may set. {@code maxReviewInterval}: the longest interval between an
 * agreement's start and its review date, and between reviews, in whole years or months (ISO 8601,
 * e.g. {@code P1Y}, {@code P5Y}, {@code P18M}); empty keeps the shapes' default of one year. One
 * setting for the review-date rule at submit and the review decisions.
 */
@ConfigurationProperties("registry.agreements")
public record AgreementProperties(Optional<Period> maxReviewInterval) {
  public AgreementProperties {
    maxReviewInterval = maxReviewInterval == null ? Optional.empty() : maxReviewInterval;
  }
}

package org.datasharing.registry.web.pages;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Facts about the service that every page shows (the layout reads it as {@code @site}): where
 * feedback goes, from {@code registry.feedback-address}.
 */
@Component("site")
public class Site {
  private final String feedbackAddress;

  Site(
      @Value("${registry.feedback-address:feedback@data-sharing-registry.example}")
          String feedbackAddress) {
    this.feedbackAddress = feedbackAddress.strip();
  }

  public String feedbackAddress() {
    return feedbackAddress;
  }
}

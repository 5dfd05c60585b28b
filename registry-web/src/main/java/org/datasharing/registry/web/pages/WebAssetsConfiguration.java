package org.datasharing.registry.web.pages;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.webjars.WebJarVersionLocator;

/**
 * GOV.UK Frontend's fonts and images at {@code /assets/}, where its compiled stylesheet expects
 * them, straight from the WebJar; its CSS and JavaScript are under {@code /webjars/govuk-frontend/}
 * (versionless paths through webjars-locator-lite). Nothing comes from a CDN.
 */
@Configuration(proxyBeanMethods = false)
class WebAssetsConfiguration implements WebMvcConfigurer {

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    String version = new WebJarVersionLocator().version("govuk-frontend");
    registry
        .addResourceHandler("/assets/**")
        .addResourceLocations(
            "classpath:/META-INF/resources/webjars/govuk-frontend/"
                + version
                + "/dist/govuk/assets/");
  }
}

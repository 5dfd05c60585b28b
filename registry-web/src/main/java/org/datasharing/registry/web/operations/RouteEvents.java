package org.datasharing.registry.web.operations;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Metrics and security-log events for a few routes, by their mapping pattern, so that controllers
 * stay free of them: decisions and searches are timed; imports and administrators' changes are
 * logged with their outcome. A route added elsewhere that should count belongs in {@link #ROUTES}.
 */
@Configuration(proxyBeanMethods = false)
class RouteEvents implements WebMvcConfigurer, HandlerInterceptor {
  private static final String STARTED = RouteEvents.class.getName() + ".started";

  enum Kind {
    DECISION,
    SEARCH,
    IMPORT
  }

  /** "METHOD pattern" -> what the route is, and its channel. */
  static final Map<String, Map.Entry<Kind, String>> ROUTES =
      Map.of(
          "POST /api/agreements/{id}/decisions", Map.entry(Kind.DECISION, "api"),
          "POST /agreements/{id}/decision", Map.entry(Kind.DECISION, "page"),
          "GET /api/datasets", Map.entry(Kind.SEARCH, "api"),
          "GET /datasets", Map.entry(Kind.SEARCH, "page"),
          "POST /api/datasets/import", Map.entry(Kind.IMPORT, "api"),
          "POST /api/agreements/imports", Map.entry(Kind.IMPORT, "api"));

  private final DomainMetrics metrics;

  RouteEvents(DomainMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    request.setAttribute(STARTED, System.nanoTime());
    return true;
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    if (!(request.getAttribute(STARTED) instanceof Long started)
        || request.getDispatcherType() != jakarta.servlet.DispatcherType.REQUEST) {
      return;
    }
    long nanos = System.nanoTime() - started;
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    String method = request.getMethod();
    int status = response.getStatus();
    Map.Entry<Kind, String> route = ROUTES.get(method + " " + pattern);
    if (route != null) {
      switch (route.getKey()) {
        case DECISION -> metrics.decision(route.getValue(), status, nanos);
        case SEARCH -> metrics.search(route.getValue(), nanos);
        case IMPORT -> SecurityLog.event("import", status, "route", String.valueOf(pattern));
      }
    }
    if (isAdminChange(method, String.valueOf(pattern))) {
      SecurityLog.event("admin-action", status, "route", method + " " + pattern);
    }
  }

  /** A change by a registry administrator: any write under the admin API or the admin pages. */
  static boolean isAdminChange(String method, String pattern) {
    return !method.equals("GET")
        && !method.equals("HEAD")
        && (pattern.startsWith("/api/admin/") || pattern.startsWith("/admin/"));
  }
}

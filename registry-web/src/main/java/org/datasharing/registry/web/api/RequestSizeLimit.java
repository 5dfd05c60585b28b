package org.datasharing.registry.web.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API request bodies above a limit (default 1 MB) with 413 problem+json before they are
 * read. Chunked bodies without a length are capped by Tomcat's own limits.
 */
@Component
class RequestSizeLimit extends OncePerRequestFilter {
  private final long maxBytes;

  RequestSizeLimit(@Value("${registry.api.max-body-bytes:1048576}") long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      response.setStatus(413);
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response
          .getOutputStream()
          .write(
              ("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                      + "\"detail\":\"The request body is larger than "
                      + maxBytes
                      + " bytes\","
                      + "\"errors\":[{\"field\":\"body\",\"message\":\"The request body is too large\"}]}")
                  .getBytes(StandardCharsets.UTF_8));
      return;
    }
    chain.doFilter(request, response);
  }
}

package org.datasharing.registry.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.datasharing.registry.core.common.Actor;
import org.slf4j.MDC;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts who is asking into the MDC once Spring Security knows ({@code actor}: the token's subject,
 * never the name or e-mail; {@code organisation}: the organisation's alias), so every log line of
 * the request, the security events included, says who. Each filter chain adds it before its
 * authorisation; {@code operations.CorrelationIdFilter} clears the MDC when the request is over.
 */
public final class ActorLogContext extends OncePerRequestFilter {
  static final String ACTOR = "actor";
  static final String ORGANISATION = "organisation";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Actor actor = Actors.of(SecurityContextHolder.getContext().getAuthentication());
    MDC.put(ACTOR, actor.subject());
    actor
        .organisation()
        .ifPresentOrElse(o -> MDC.put(ORGANISATION, o), () -> MDC.remove(ORGANISATION));
    chain.doFilter(request, response);
  }
}

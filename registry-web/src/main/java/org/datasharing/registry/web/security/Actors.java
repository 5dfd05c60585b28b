package org.datasharing.registry.web.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.datasharing.registry.core.common.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a Keycloak token into the core's {@link Actor}: subject, username, the organisation from
 * the Keycloak Organizations claim ({@code organization}: the aliases, which are the registry's
 * organisation identifiers), the registry's realm roles and the person's display name.
 */
public final class Actors {
  /** Anyone signed out. */
  public static final Actor ANONYMOUS =
      new Actor("anonymous", "anonymous", Optional.empty(), Set.of());

  private Actors() {}

  /** The actor of an API call (bearer JWT) or of a page (OIDC login); anyone else is anonymous. */
  public static Actor of(Authentication authentication) {
    if (authentication instanceof JwtAuthenticationToken token) {
      return of(token.getToken());
    }
    if (authentication instanceof OAuth2AuthenticationToken token
        && token.getPrincipal() instanceof OidcUser user) {
      return of(user.getClaims());
    }
    return ANONYMOUS;
  }

  public static Actor of(Jwt jwt) {
    return of(jwt.getClaims());
  }

  /**
   * The actor from Keycloak's claims: {@code sub}, {@code preferred_username}, {@code
   * realm_access.roles} and {@code organization}. A page login's user carries the claims of its
   * access token for the roles and organisation (see {@code pages.KeycloakOidcUserService}).
   */
  public static Actor of(Map<String, Object> claims) {
    Object subject = claims.get("sub");
    Object username = claims.get("preferred_username");
    String sub = String.valueOf(subject == null ? username : subject);
    return new Actor(
        sub,
        username == null ? sub : String.valueOf(username),
        organisation(claims),
        roles(claims),
        name(claims));
  }

  /** The display name: {@code name}, else given and family name, from Keycloak's profile scope. */
  static Optional<String> name(Map<String, Object> claims) {
    if (claims.get("name") instanceof String name && !name.isBlank()) {
      return Optional.of(name.strip());
    }
    String given = claims.get("given_name") instanceof String g ? g.strip() : "";
    String family = claims.get("family_name") instanceof String f ? f.strip() : "";
    String joined = (given + " " + family).strip();
    return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
  }

  /** Spring Security authorities for the registry's realm roles ({@code ROLE_DPO}, ...). */
  public static List<GrantedAuthority> authorities(Jwt jwt) {
    return authorities(jwt.getClaims());
  }

  public static List<GrantedAuthority> authorities(Map<String, Object> claims) {
    return roles(claims).stream()
        .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r.name()))
        .toList();
  }

  /** The single organisation the user belongs to; a user in several is treated as in none. */
  static Optional<String> organisation(Map<String, Object> claims) {
    Object claim = claims.get("organization");
    Collection<?> aliases =
        claim instanceof Collection<?> c
            ? c
            : claim instanceof Map<?, ?> m ? m.keySet() : List.of();
    return aliases.size() == 1
        ? Optional.of(String.valueOf(aliases.iterator().next()))
        : Optional.empty();
  }

  static Set<Actor.Role> roles(Map<String, Object> claims) {
    Set<Actor.Role> roles = EnumSet.noneOf(Actor.Role.class);
    Object realmAccess = claims.get("realm_access");
    if (realmAccess instanceof Map<?, ?> m && m.get("roles") instanceof Collection<?> names) {
      for (Object name : names) {
        switch (String.valueOf(name)) {
          case "partner" -> roles.add(Actor.Role.PARTNER);
          case "dpo" -> roles.add(Actor.Role.DPO);
          case "auditor" -> roles.add(Actor.Role.AUDITOR);
          case "registry-admin" -> roles.add(Actor.Role.REGISTRY_ADMIN);
          case "senior-officer" -> roles.add(Actor.Role.SENIOR_OFFICER);
          default -> {}
        }
      }
    }
    return roles;
  }
}

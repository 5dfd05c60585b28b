package org.datasharing.registry.web.pages;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.datasharing.registry.web.security.Actors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The signed-in user of the pages, with the registry's realm roles and organisation. Keycloak puts
 * the realm roles ({@code realm_access.roles}) in the access token, not in the ID token, so this
 * reads them, and the {@code organization} claim, from the access token of the login, validated by
 * the same decoder as API tokens (issuer, signature, audience). {@link Actors#of} then builds the
 * same actor from a page login as from an API call.
 */
final class KeycloakOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {
  private static final String[] ACCESS_TOKEN_CLAIMS = {"realm_access", "organization"};

  private final OidcUserService delegate = new OidcUserService();
  private final JwtDecoder accessTokens;

  KeycloakOidcUserService(JwtDecoder accessTokens) {
    this.accessTokens = accessTokens;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser user = delegate.loadUser(request);
    Jwt access = accessTokens.decode(request.getAccessToken().getTokenValue());
    Map<String, Object> claims = new LinkedHashMap<>();
    if (user.getUserInfo() != null) {
      claims.putAll(user.getUserInfo().getClaims());
    }
    claims.put("sub", user.getSubject());
    for (String name : ACCESS_TOKEN_CLAIMS) {
      Object value = access.getClaims().get(name);
      if (value != null) {
        claims.put(name, value);
      }
    }
    Set<GrantedAuthority> authorities = new LinkedHashSet<>(user.getAuthorities());
    authorities.addAll(Actors.authorities(access));
    String nameClaim =
        user.getClaims().containsKey("preferred_username") ? "preferred_username" : "sub";
    return new DefaultOidcUser(authorities, user.getIdToken(), new OidcUserInfo(claims), nameClaim);
  }
}

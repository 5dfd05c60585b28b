package org.datasharing.registry.web.identity;

import static org.datasharing.registry.web.identity.KeycloakErrors.call;
import static org.datasharing.registry.web.identity.KeycloakErrors.expect;
import static org.datasharing.registry.web.identity.KeycloakErrors.run;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.DirectoryOrganisation;
import org.datasharing.registry.core.identity.DirectoryUser;
import org.datasharing.registry.core.identity.IdentityDirectory;
import org.datasharing.registry.core.identity.MemberRole;
import org.datasharing.registry.core.identity.NewMember;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.OrganizationResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.spi.ResteasyClientClassicProvider;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The identity directory on Keycloak's admin REST API, through the official admin client,
 * authenticated as the service account of a confidential client (client credentials). Connect and
 * read timeouts bound every call; failures become {@link DirectoryException}s.
 */
final class KeycloakIdentityDirectory implements IdentityDirectory, AutoCloseable {
  private static final int PAGE = 100;

  private final Keycloak keycloak;
  private final String realm;
  private final String missing;
  private final KeycloakUsers users;

  private KeycloakIdentityDirectory(Keycloak keycloak, String realm, String missing) {
    this.keycloak = keycloak;
    this.realm = realm;
    this.missing = missing;
    this.users = new KeycloakUsers(this::realm);
  }

  /** A directory over the resolved settings; without them every call fails NOT_CONFIGURED. */
  static KeycloakIdentityDirectory connect(IdentityProperties.Resolved s) {
    if (s.missing().isPresent()) {
      return new KeycloakIdentityDirectory(null, s.realm(), s.missing().get());
    }
    ResteasyClientBuilderImpl builder = ResteasyClientClassicProvider.createClientBuilder();
    builder.register(JacksonProvider.class, 100); // as the admin client's own default client
    builder.connectTimeout(s.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    builder.readTimeout(s.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
    builder.connectionCheckoutTimeout((int) s.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    Client client = builder.build();
    Keycloak keycloak =
        KeycloakBuilder.builder()
            .serverUrl(s.serverUrl())
            .realm(s.realm())
            .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
            .clientId(s.clientId())
            .clientSecret(s.clientSecret())
            .resteasyClient(client)
            .build();
    return new KeycloakIdentityDirectory(keycloak, s.realm(), null);
  }

  private RealmResource realm() {
    if (keycloak == null) {
      throw new DirectoryException(DirectoryException.Kind.NOT_CONFIGURED, missing);
    }
    return keycloak.realm(realm);
  }

  @Override
  public List<DirectoryOrganisation> organisations() {
    return call(
        "list organisations",
        () -> {
          List<DirectoryOrganisation> out = new ArrayList<>();
          for (int first = 0; ; first += PAGE) {
            List<OrganizationRepresentation> page =
                realm().organizations().search(null, false, first, PAGE, false);
            page.forEach(o -> out.add(organisation(o)));
            if (page.size() < PAGE) {
              return out;
            }
          }
        });
  }

  private static DirectoryOrganisation organisation(OrganizationRepresentation o) {
    List<String> domains =
        o.getDomains() == null
            ? List.of()
            : o.getDomains().stream().map(OrganizationDomainRepresentation::getName).toList();
    return new DirectoryOrganisation(o.getId(), o.getAlias(), o.getName(), domains);
  }

  private OrganizationResource organisationResource(String alias) {
    String id =
        organisation(alias)
            .map(DirectoryOrganisation::id)
            .orElseThrow(
                () ->
                    new DirectoryException(
                        DirectoryException.Kind.NOT_FOUND,
                        "Keycloak has no organisation " + alias,
                        "id",
                        null));
    return realm().organizations().get(id);
  }

  @Override
  public DirectoryOrganisation createOrganisation(String alias, String name, String domain) {
    return call(
        "create organisation " + alias,
        () -> {
          OrganizationRepresentation rep = new OrganizationRepresentation();
          rep.setAlias(alias);
          rep.setEnabled(true);
          describe(rep, name, domain);
          Response r = realm().organizations().create(rep);
          String id = CreatedResponseUtil.getCreatedId(expect("create organisation", r, 201));
          return new DirectoryOrganisation(id, alias, name, List.of(domain));
        });
  }

  @Override
  public void updateOrganisation(String alias, String name, String domain) {
    run(
        "update organisation " + alias,
        () -> {
          OrganizationResource org = organisationResource(alias);
          OrganizationRepresentation rep = org.toRepresentation();
          describe(rep, name, domain);
          expect("update organisation", org.update(rep), 204, 200);
        });
  }

  /** Name, the displayName attribute the token's organisation details carry, and one domain. */
  private static void describe(OrganizationRepresentation rep, String name, String domain) {
    rep.setName(name);
    Map<String, List<String>> attributes =
        rep.getAttributes() == null ? new java.util.HashMap<>() : rep.getAttributes();
    attributes.put("displayName", List.of(name));
    rep.setAttributes(attributes);
    new ArrayList<>(rep.getDomains() == null ? Set.of() : rep.getDomains())
        .forEach(rep::removeDomain);
    if (domain != null) {
      rep.addDomain(new OrganizationDomainRepresentation(domain));
    }
  }

  @Override
  public List<DirectoryUser> members(String alias) {
    return call(
        "list members of " + alias,
        () -> {
          List<UserRepresentation> members = new ArrayList<>();
          OrganizationResource org = organisationResource(alias);
          for (int first = 0; ; first += PAGE) {
            List<? extends UserRepresentation> page = org.members().list(first, PAGE);
            members.addAll(page);
            if (page.size() < PAGE) {
              break;
            }
          }
          Map<MemberRole, Set<String>> holders = new java.util.EnumMap<>(MemberRole.class);
          for (MemberRole role : MemberRole.values()) {
            holders.put(role, holdersOf(role));
          }
          return members.stream()
              .map(
                  u -> {
                    Set<MemberRole> roles = EnumSet.noneOf(MemberRole.class);
                    holders.forEach(
                        (role, ids) -> {
                          if (ids.contains(u.getId())) {
                            roles.add(role);
                          }
                        });
                    return KeycloakUsers.user(u, roles);
                  })
              .toList();
        });
  }

  /**
   * The ids of the users holding a realm role; a role the realm does not define (an older realm
   * without {@code senior-officer}, say) is held by nobody, rather than failing every lookup.
   */
  private Set<String> holdersOf(MemberRole role) {
    Set<String> ids = new HashSet<>();
    for (int first = 0; ; first += PAGE) {
      List<UserRepresentation> page;
      try {
        page = realm().roles().get(role.realmRole()).getUserMembers(true, first, PAGE);
      } catch (NotFoundException e) {
        return ids;
      }
      page.forEach(u -> ids.add(u.getId()));
      if (page.size() < PAGE) {
        return ids;
      }
    }
  }

  @Override
  public Set<String> organisationsOf(String userId) {
    return call(
        "list the user's organisations",
        () -> {
          Set<String> aliases = new HashSet<>();
          realm()
              .organizations()
              .members()
              .getOrganizations(userId, true)
              .forEach(o -> aliases.add(o.getAlias()));
          return aliases;
        });
  }

  @Override
  public void addMember(String alias, String userId) {
    run(
        "add member to " + alias,
        () -> {
          Response r = organisationResource(alias).members().addMember(userId);
          // 409: already a member, which is what we want
          expect("add member", r, 201, 204, 409);
        });
  }

  @Override
  public void removeMember(String alias, String userId) {
    run(
        "remove member from " + alias,
        () -> {
          Response r = organisationResource(alias).members().member(userId).delete();
          expect("remove member", r, 204, 404);
        });
  }

  @Override
  public Optional<DirectoryUser> userByUsername(String username) {
    return users.userByUsername(username);
  }

  @Override
  public Optional<DirectoryUser> userById(String id) {
    return users.userById(id);
  }

  @Override
  public Optional<DirectoryUser> userByEmail(String email) {
    return users.userByEmail(email);
  }

  @Override
  public DirectoryUser createUser(NewMember member) {
    return users.createUser(member);
  }

  @Override
  public void deleteUser(String userId) {
    users.deleteUser(userId);
  }

  @Override
  public void grantRole(String userId, MemberRole role) {
    users.grantRole(userId, role);
  }

  @Override
  public void revokeRoles(String userId, Set<MemberRole> roles) {
    users.revokeRoles(userId, roles);
  }

  @Override
  public boolean sendsEmail() {
    return users.sendsEmail();
  }

  @Override
  public void sendSetupEmail(String userId) {
    users.sendSetupEmail(userId);
  }

  @Override
  public void close() {
    if (keycloak != null) {
      keycloak.close();
    }
  }
}

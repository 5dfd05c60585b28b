package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.jena.query.Dataset;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.ORG;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.datasharing.registry.ontology.RegistryResources;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container files under {@code docker/} agree with the fixed names of the design and with the
 * sample data: no Docker engine runs in the build, so they are checked as files.
 */
class DockerFilesTest {

  /** The README's sample logins; organisation null for none. */
  record SampleUser(String username, String role, String organisation) {}

  static final List<SampleUser> SAMPLE_USERS =
      List.of(
          new SampleUser("admin", "registry-admin", null),
          new SampleUser("dpo.council", "dpo", "northshire-county-council"),
          new SampleUser("dpo.trust", "dpo", "northshire-nhs-foundation-trust"),
          new SampleUser("dpo.icb", "dpo", "northshire-integrated-care-board"),
          new SampleUser("partner.icb", "partner", "northshire-integrated-care-board"),
          new SampleUser("partner.council", "partner", "northshire-county-council"),
          new SampleUser("auditor", "auditor", null),
          new SampleUser("siro.council", "senior-officer", "northshire-county-council"),
          new SampleUser("caldicott.trust", "senior-officer", "northshire-nhs-foundation-trust"));

  /** A sample organisation of organisations.trig. */
  record SampleOrganisation(String identifier, String label, String domain) {}

  static Path docker;
  static Map<String, Object> compose;
  static JsonNode realm;
  static Map<String, SampleOrganisation> sampleOrganisations;

  @BeforeAll
  static void readFiles() throws IOException {
    docker = dockerDir();
    compose = new Yaml().load(Files.readString(docker.resolve("docker-compose.yml")));
    realm = JsonMapper.builder().build().readTree(docker.resolve("keycloak/realm-registry.json"));
    sampleOrganisations = sampleOrganisations();
  }

  @Test
  void compose_runsKeycloakFusekiAndRegistry_onTheFixedPorts() {
    assertThat(services()).containsKeys("keycloak", "fuseki", "registry");
    assertThat(list(service("keycloak").get("ports"))).contains("8180:8180");
    assertThat(list(service("fuseki").get("ports"))).contains("3030:3030");
    assertThat(list(service("registry").get("ports"))).contains("8080:8080");
    assertThat(service("keycloak").get("image")).isEqualTo("quay.io/keycloak/keycloak:26.7.3");
    assertThat(list(service("keycloak").get("command")))
        .contains("start-dev", "--import-realm", "--http-port=8180");
  }

  @Test
  void compose_importsTheRealmFile_andMountsFilesThatExist() {
    assertThat(list(service("keycloak").get("volumes")))
        .contains(
            "./keycloak/realm-registry.json:/opt/keycloak/data/import/realm-registry.json:ro");
    assertThat(list(service("fuseki").get("volumes")))
        .anyMatch(v -> v.startsWith("./fuseki/config.ttl:"));
    for (Object name : services().keySet()) {
      for (String volume : list(service((String) name).get("volumes"))) {
        if (volume.startsWith("./")) {
          assertThat(docker.resolve(volume.substring(0, volume.indexOf(':')))).exists();
        }
      }
    }
    Map<String, Object> build = map(service("registry").get("build"));
    assertThat(
            docker.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")))
        .exists();
  }

  @Test
  void compose_pointsTheRegistryAtFuseki_andStartsItAfterHealthyDependencies() {
    Map<String, Object> env = map(service("registry").get("environment"));
    assertThat(env)
        .containsEntry("REGISTRY_STORE_MODE", "remote")
        .containsEntry("REGISTRY_STORE_REMOTE_URL", "http://fuseki:3030/registry");
    assertThat((String) env.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI"))
        .contains("/realms/registry");
    Map<String, Object> dependsOn = map(service("registry").get("depends_on"));
    assertThat(dependsOn).containsOnlyKeys("keycloak", "fuseki");
    dependsOn
        .values()
        .forEach(d -> assertThat(map(d)).containsEntry("condition", "service_healthy"));
    assertThat(service("keycloak")).containsKey("healthcheck");
    assertThat(service("fuseki")).containsKey("healthcheck");
  }

  @Test
  void fusekiConfig_servesTheRegistryDataset_onQueryUpdateAndData() {
    Model config = RDFDataMgr.loadModel(docker.resolve("fuseki/config.ttl").toUri().toString());
    String fuseki = "http://jena.apache.org/fuseki#";
    Property name = config.createProperty(fuseki, "name");
    List<Resource> services = config.listSubjectsWithProperty(name, "registry").toList();
    assertThat(services).hasSize(1);
    Resource service = services.get(0);
    Map<String, String> operations = new HashMap<>();
    service
        .listProperties(config.createProperty(fuseki, "endpoint"))
        .toList()
        .forEach(
            s -> {
              Resource endpoint = s.getResource();
              String endpointName =
                  endpoint.hasProperty(name) ? endpoint.getProperty(name).getString() : "";
              String operation =
                  endpoint
                      .getPropertyResourceValue(config.createProperty(fuseki, "operation"))
                      .getLocalName();
              operations.put(endpointName, operation);
            });
    assertThat(operations)
        .containsEntry("query", "query")
        .containsEntry("update", "update")
        .containsEntry("data", "gsp-rw");
    Resource served = service.getPropertyResourceValue(config.createProperty(fuseki, "dataset"));
    // a jena-text dataset (text:query over titles, descriptions, keywords) wraps the TDB2 one
    String text = "http://jena.apache.org/text#";
    assertThat(served.getPropertyResourceValue(RDF.type).getURI()).isEqualTo(text + "TextDataset");
    Resource dataset = served.getPropertyResourceValue(config.createProperty(text, "dataset"));
    assertThat(dataset.getPropertyResourceValue(RDF.type).getURI())
        .isEqualTo("http://jena.apache.org/2016/tdb#DatasetTDB2");
    assertThat(
            dataset
                .getProperty(config.createProperty("http://jena.apache.org/2016/tdb#location"))
                .getString())
        .isEqualTo("/fuseki/databases/registry");
  }

  @Test
  void dockerfile_buildsWithMaven_andRunsAsNonRootWithHealthCheckAndDataVolume()
      throws IOException {
    String dockerfile = Files.readString(docker.resolve("Dockerfile"));
    assertThat(dockerfile)
        .contains("FROM maven:3.9-eclipse-temurin-17 AS build")
        .contains("package -pl registry-web -am")
        .contains("FROM eclipse-temurin:17-jre")
        .contains("EXPOSE 8080")
        .contains("/actuator/health")
        .contains("VOLUME /data")
        .contains("REGISTRY_STORE_DATA_DIR=/data/tdb2")
        // backups on the volume: the image's user cannot write under /app
        .contains("REGISTRY_STORE_BACKUP_DIR=/data/backups")
        .containsPattern("(?m)^HEALTHCHECK ");
    assertThat(dockerfile).containsPattern("(?m)^USER (?!root)\\S+");
  }

  @Test
  void dockerfile_copiesEveryModulesPom_andInstallsNpmForTheFrontEndBuild() throws IOException {
    String dockerfile = Files.readString(docker.resolve("Dockerfile"));
    String parent = Files.readString(docker.resolveSibling("pom.xml"));
    java.util.regex.Matcher module =
        java.util.regex.Pattern.compile("<module>([^<]+)</module>").matcher(parent);
    int modules = 0;
    while (module.find()) {
      modules++;
      String name = module.group(1);
      assertThat(dockerfile)
          .as("Maven needs every module's pom")
          .contains("COPY " + name + "/pom.xml " + name + "/");
    }
    assertThat(modules).isGreaterThanOrEqualTo(5);
    assertThat(dockerfile).contains("apt-get install -y --no-install-recommends nodejs npm");
  }

  @Test
  void realm_isRegistry_withOrganisationsEnabled_andTheFourRoles() {
    assertThat(realm.path("realm").asString()).isEqualTo("registry");
    assertThat(realm.path("enabled").asBoolean()).isTrue();
    assertThat(realm.path("organizationsEnabled").asBoolean()).isTrue();
    assertThat(realm.path("roles").path("realm").valueStream().map(r -> r.path("name").asString()))
        .contains("partner", "dpo", "auditor", "registry-admin", "senior-officer");
  }

  @Test
  void realm_webClient_isConfidentialWithPkce_andCliClient_isPublicWithPasswordAndDeviceFlows() {
    JsonNode web = client("registry-web");
    assertThat(web.path("publicClient").asBoolean()).isFalse();
    assertThat(web.path("standardFlowEnabled").asBoolean()).isTrue();
    assertThat(web.path("secret").asString()).isEqualTo("registry-web-dev-secret");
    assertThat(web.path("attributes").path("pkce.code.challenge.method").asString())
        .isEqualTo("S256");
    assertThat(strings(web.path("redirectUris"))).contains("http://localhost:8080/*");

    JsonNode cli = client("registry-cli");
    assertThat(cli.path("publicClient").asBoolean()).isTrue();
    assertThat(cli.path("directAccessGrantsEnabled").asBoolean()).isTrue();
    assertThat(cli.path("attributes").path("oauth2.device.authorization.grant.enabled").asString())
        .isEqualTo("true");
    assertThat(mapper(cli, "oidc-audience-mapper"))
        .hasValueSatisfying(
            m -> {
              assertThat(m.path("config").path("included.client.audience").asString())
                  .isEqualTo("registry-web");
              assertThat(m.path("config").path("access.token.claim").asString()).isEqualTo("true");
            });
  }

  @Test
  void realm_webAndCliTokens_carryRolesAndBothOrganisationClaims() {
    for (String clientId : List.of("registry-web", "registry-cli")) {
      JsonNode client = client(clientId);
      assertThat(strings(client.path("defaultClientScopes")))
          .as(clientId)
          .contains("organization", "roles", "profile", "email", "basic", "acr", "web-origins");
      JsonNode details = mapper(client, "oidc-organization-membership-mapper").orElseThrow();
      assertThat(details.path("name").asString()).isEqualTo("organization details");
      JsonNode config = details.path("config");
      assertThat(config.path("claim.name").asString()).isEqualTo("organization_details");
      assertThat(config.path("jsonType.label").asString()).isEqualTo("JSON");
      for (String flag :
          List.of(
              "addOrganizationId",
              "addOrganizationAttributes",
              "multivalued",
              "id.token.claim",
              "access.token.claim",
              "userinfo.token.claim")) {
        assertThat(config.path(flag).asString()).as(clientId + " " + flag).isEqualTo("true");
      }
    }
  }

  @Test
  void realm_adminApiClient_isAServiceAccountThatCanManageUsersAndOrganisations() {
    JsonNode api = client("registry-admin-api");
    assertThat(api.path("publicClient").asBoolean()).isFalse();
    assertThat(api.path("serviceAccountsEnabled").asBoolean()).isTrue();
    assertThat(api.path("standardFlowEnabled").asBoolean()).isFalse();
    assertThat(api.path("secret").asString()).isEqualTo("registry-admin-api-dev-secret");
    JsonNode account = user("service-account-registry-admin-api");
    assertThat(account.path("serviceAccountClientId").asString()).isEqualTo("registry-admin-api");
    assertThat(strings(account.path("clientRoles").path("realm-management")))
        .contains("manage-users", "view-users", "query-users", "manage-realm", "view-realm");
  }

  @Test
  void realm_sampleUsers_haveTheirDesignRole_andCanSignInWithDemo() {
    for (SampleUser sample : SAMPLE_USERS) {
      JsonNode user = user(sample.username());
      assertThat(strings(user.path("realmRoles"))).as(sample.username()).contains(sample.role());
      assertThat(user.path("enabled").asBoolean()).isTrue();
      assertThat(user.path("emailVerified").asBoolean()).isTrue();
      assertThat(Stream.of("email", "firstName", "lastName").map(f -> user.path(f).asString()))
          .as(sample.username())
          .allMatch(v -> !v.isBlank());
      JsonNode password = user.path("credentials").get(0);
      assertThat(password.path("type").asString()).isEqualTo("password");
      assertThat(password.path("value").asString()).isEqualTo("demo");
      assertThat(password.path("temporary").asBoolean()).isFalse();
    }
  }

  @Test
  void realm_sampleUsers_belongToExactlyTheirDesignOrganisation_withAnEmailOnItsDomain() {
    for (SampleUser sample : SAMPLE_USERS) {
      List<String> memberOf =
          realm
              .path("organizations")
              .valueStream()
              .filter(
                  o ->
                      o.path("members")
                          .valueStream()
                          .anyMatch(m -> m.path("username").asString().equals(sample.username())))
              .map(o -> o.path("alias").asString())
              .toList();
      if (sample.organisation() == null) {
        assertThat(memberOf).as(sample.username()).isEmpty();
      } else {
        assertThat(memberOf).as(sample.username()).containsExactly(sample.organisation());
        assertThat(user(sample.username()).path("email").asString())
            .endsWith("@" + sampleOrganisations.get(sample.organisation()).domain());
      }
    }
  }

  @Test
  void realm_organisations_areExactlyTheSampleOrganisations_withTheirNamesAndDomains() {
    List<JsonNode> organisations = realm.path("organizations").valueStream().toList();
    assertThat(organisations.stream().map(o -> o.path("alias").asString()))
        .containsExactlyInAnyOrderElementsOf(sampleOrganisations.keySet());
    for (JsonNode o : organisations) {
      SampleOrganisation sample = sampleOrganisations.get(o.path("alias").asString());
      assertThat(o.path("name").asString()).isEqualTo(sample.label());
      assertThat(strings(o.path("attributes").path("displayName"))).containsExactly(sample.label());
      assertThat(o.path("domains").valueStream().map(d -> d.path("name").asString()))
          .containsExactly(sample.domain());
      o.path("members")
          .forEach(m -> assertThat(m.path("membershipType").asString()).isEqualTo("UNMANAGED"));
    }
  }

  // --- helpers

  private static Path dockerDir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("docker/keycloak/realm-registry.json"))) {
        return dir.resolve("docker");
      }
    }
    throw new IllegalStateException("No docker/ folder above " + Path.of("").toAbsolutePath());
  }

  private static Map<String, SampleOrganisation> sampleOrganisations() throws IOException {
    String file =
        RegistryResources.sampleFiles().stream()
            .filter(f -> f.endsWith("/organisations.trig"))
            .findFirst()
            .orElseThrow();
    Dataset dataset;
    try (InputStream in = RegistryResources.open(file)) {
      dataset =
          RDFParser.source(in).lang(Lang.TRIG).base(RegistryResources.DEFAULT_BASE).toDataset();
    }
    Model organisations = dataset.getNamedModel(Graphs.ORGANISATIONS);
    Map<String, SampleOrganisation> result = new HashMap<>();
    organisations
        .listSubjectsWithProperty(RDF.type, ORG.FormalOrganization)
        .toList()
        .forEach(
            o -> {
              String id = o.getProperty(DCTerms.identifier).getString();
              result.put(
                  id,
                  new SampleOrganisation(
                      id,
                      o.getProperty(SKOS.prefLabel).getString(),
                      o.getProperty(DSR.domain).getString()));
            });
    assertThat(result).as("sample organisations").isNotEmpty();
    return result;
  }

  private static Map<String, Object> services() {
    return map(compose.get("services"));
  }

  private static Map<String, Object> service(String name) {
    return map(services().get(name));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object yaml) {
    return yaml == null ? Map.of() : (Map<String, Object>) yaml;
  }

  private static List<String> list(Object yaml) {
    return yaml == null ? List.of() : ((List<?>) yaml).stream().map(String::valueOf).toList();
  }

  private static List<String> strings(JsonNode array) {
    return array.valueStream().map(JsonNode::asString).toList();
  }

  private static JsonNode client(String clientId) {
    return byField(realm.path("clients"), "clientId", clientId);
  }

  private static JsonNode user(String username) {
    return byField(realm.path("users"), "username", username);
  }

  private static JsonNode byField(JsonNode array, String field, String value) {
    return array
        .valueStream()
        .filter(n -> n.path(field).asString().equals(value))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + field + " " + value));
  }

  private static Optional<JsonNode> mapper(JsonNode client, String protocolMapper) {
    return client
        .path("protocolMappers")
        .valueStream()
        .filter(m -> m.path("protocolMapper").asString().equals(protocolMapper))
        .findFirst();
  }
}

package org.datasharing.registry.web.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.datasharing.registry.dev.KeycloakDevService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webjars.WebJarVersionLocator;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry's sign-in theme as files (the browser test signs in through it): the realm uses it,
 * asks for username and password on one page, the dev service and the compose stack give it to
 * Keycloak, its copy of GOV.UK Frontend's stylesheet is the one the registry's pages use, and its
 * own few rules are copies of the registry stylesheet's.
 */
class KeycloakThemeTest {
  static final Path DOCKER = Path.of("../docker");
  static final Path THEME = DOCKER.resolve("keycloak/themes/registry/login");

  static JsonNode realm() {
    return JsonMapper.builder().build().readTree(DOCKER.resolve("keycloak/realm-registry.json"));
  }

  static JsonNode flow(String alias) {
    for (JsonNode flow : realm().path("authenticationFlows")) {
      if (flow.path("alias").asString().equals(alias)) {
        return flow;
      }
    }
    throw new AssertionError("no flow " + alias);
  }

  static List<String> authenticators(String alias) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : flow(alias).path("authenticationExecutions")) {
      if (e.path("authenticatorFlow").asBoolean()) {
        out.addAll(authenticators(e.path("flowAlias").asString()));
      } else {
        out.add(e.path("authenticator").asString());
      }
    }
    return out;
  }

  @Test
  void realm_usesTheTheme_andAsksForUsernameAndPasswordOnOnePage() {
    JsonNode realm = realm();
    assertThat(realm.path("loginTheme").asString()).isEqualTo("registry");
    assertThat(realm.path("browserFlow").asString()).isEqualTo("browser");
    // no identity-first step (the organization authenticator asks for the username alone)
    assertThat(authenticators("browser"))
        .containsExactly("auth-cookie", "auth-username-password-form");
    // giving flows means Keycloak adds no default for these: the password grant scripts use
    assertThat(authenticators(realm.path("directGrantFlow").asString()))
        .containsExactly("direct-grant-validate-username", "direct-grant-validate-password");
    assertThat(realm.path("registrationFlow").asString()).isEqualTo("registration");
  }

  @Test
  void theme_extendsTheBaseTheme_andServesEveryStylesheetItNames() throws Exception {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(THEME.resolve("theme.properties"))) {
      p.load(in);
    }
    assertThat(p.getProperty("parent")).isEqualTo("base");
    for (String style : p.getProperty("styles").split(" ")) {
      assertThat(THEME.resolve("resources").resolve(style)).isRegularFile();
    }
    String login = Files.readString(THEME.resolve("login.ftl"));
    // the ids the browser tests (and password managers) fill in
    assertThat(login)
        .contains("id=\"username\"", "id=\"password\"", "id=\"kc-login\"", "govuk-error-message");
    assertThat(Files.readString(THEME.resolve("template.ftl")))
        .contains("govuk-error-summary", "govuk-skip-link", "<main", "lang=")
        .doesNotContain("<script");
  }

  @Test
  void themesCopyOfGovukFrontend_isTheWebJarsTheRegistryServes() throws Exception {
    String version = new WebJarVersionLocator().version("govuk-frontend");
    byte[] webJar;
    try (InputStream in =
        getClass()
            .getResourceAsStream(
                "/META-INF/resources/webjars/govuk-frontend/"
                    + version
                    + "/dist/govuk/govuk-frontend.min.css")) {
      webJar = in.readAllBytes();
    }
    assertThat(Files.readAllBytes(THEME.resolve("resources/css/govuk-frontend.min.css")))
        .as(
            "copy the WebJar's govuk-frontend.min.css into the theme after upgrading GOV.UK Frontend")
        .isEqualTo(webJar);
  }

  /** A stylesheet's rules without comments, each with its whitespace collapsed. */
  static List<String> rules(Path css) throws Exception {
    String text = Files.readString(css).replaceAll("(?s)/\\*.*?\\*/", "");
    List<String> out = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("[^{}]+\\{[^{}]*\\}").matcher(text);
    while (m.find()) {
      out.add(m.group().replaceAll("\\s+", " ").strip());
    }
    return out;
  }

  @Test
  void themesOwnRules_areTheRegistryStylesheetsRules() throws Exception {
    List<String> theme = rules(THEME.resolve("resources/css/registry-sign-in.css"));
    List<String> registry = rules(Path.of("src/main/resources/static/css/registry.css"));
    // the font faces (Arial, not GDS Transport) and the header's service name
    assertThat(theme).hasSizeGreaterThanOrEqualTo(3);
    assertThat(registry)
        .as("copy the changed rules of registry.css into the theme's registry-sign-in.css")
        .containsAll(theme);
  }

  @Test
  @SuppressWarnings("unchecked")
  void devServiceAndCompose_giveTheThemeToKeycloak(@TempDir Path home) throws Exception {
    KeycloakDevService.copyThemes(DOCKER.resolve("keycloak/themes"), home.resolve("themes"));
    assertThat(home.resolve("themes/registry/login/login.ftl")).isRegularFile();
    assertThat(home.resolve("themes/registry/login/resources/css/govuk-frontend.min.css"))
        .isRegularFile();

    Map<String, Object> compose =
        new Yaml().load(Files.readString(DOCKER.resolve("docker-compose.yml")));
    Map<String, Object> keycloak =
        (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("keycloak");
    assertThat((List<String>) keycloak.get("volumes"))
        .contains("./keycloak/themes/registry:/opt/keycloak/themes/registry:ro");
  }
}

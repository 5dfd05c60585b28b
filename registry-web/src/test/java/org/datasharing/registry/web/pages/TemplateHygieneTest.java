package org.datasharing.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the Content-Security-Policy ({@code web.security.SecurityHeaders}) relies on: no template
 * carries inline script, an inline event handler ({@code onclick=} and the like), a {@code
 * javascript:} URL or a {@code style} attribute.
 */
class TemplateHygieneTest {
  static final Path TEMPLATES = Path.of("src/main/resources/templates");
  static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
  static final Pattern HANDLER =
      Pattern.compile("<[^>]*\\s(?:th:)?on[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
  static final Pattern STYLE =
      Pattern.compile("<[^>]*\\s(?:th:)?style\\s*=", Pattern.CASE_INSENSITIVE);
  static final Pattern JAVASCRIPT_URL =
      Pattern.compile("(?:href|src|action)\\s*=\\s*[\"']\\s*javascript:", Pattern.CASE_INSENSITIVE);

  static List<String> findings(String name, String html) {
    List<String> found = new ArrayList<>();
    Matcher script = SCRIPT.matcher(html);
    while (script.find()) {
      String attributes = script.group(1);
      if (!attributes.matches("(?is).*\\b(?:th:)?src\\s*=.*")
          && !attributes.matches("(?is).*\\bth:nonce\\s*=.*")) {
        found.add(name + ": inline <script" + attributes + ">");
      }
    }
    for (Pattern p : List.of(HANDLER, STYLE, JAVASCRIPT_URL)) {
      Matcher m = p.matcher(html);
      while (m.find()) {
        found.add(name + ": " + m.group());
      }
    }
    return found;
  }

  @Test
  void templates_haveNoInlineScript_handlers_orStyleAttributes() throws IOException {
    List<String> found = new ArrayList<>();
    int templates = 0;
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
        templates++;
        found.addAll(findings(TEMPLATES.relativize(file).toString(), Files.readString(file)));
      }
    }
    assertThat(templates).as("templates checked").isGreaterThan(10);
    assertThat(found).isEmpty();
  }

  @Test
  void theCheck_findsInlineScript_handlers_andStyles() {
    assertThat(findings("t", "<script>alert(1)</script>")).hasSize(1);
    assertThat(findings("t", "<script type=\"module\">x()</script>")).hasSize(1);
    assertThat(findings("t", "<script src=\"/js/a.js\"></script>")).isEmpty();
    assertThat(findings("t", "<button onclick=\"go()\">")).hasSize(1);
    assertThat(findings("t", "<a th:onclick=\"|go()|\">")).hasSize(1);
    assertThat(findings("t", "<p style=\"color:red\">")).hasSize(1);
    assertThat(findings("t", "<a href=\"javascript:go()\">")).hasSize(1);
    assertThat(findings("t", "<p class=\"online\" data-once=\"x\">")).isEmpty();
  }
}

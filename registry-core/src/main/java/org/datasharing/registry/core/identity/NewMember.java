package org.datasharing.registry.core.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.common.XmlText;

/**
 * A person to add to an organisation: their e-mail address, names, role ({@code dpo} or {@code
 * partner}) and, optionally, a username (the e-mail address when none is given). Values are
 * trimmed, and the username and e-mail lower-cased as Keycloak stores them.
 */
public record NewMember(
    String username, String email, String firstName, String lastName, String role) {
  // the same rule as the organisation shapes' dpoEmail
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._@+-]{1,99}$");

  public NewMember {
    email = lower(email);
    username = lower(username);
    if (username == null) {
      username = email;
    }
    firstName = trim(firstName);
    lastName = trim(lastName);
    role = lower(role);
  }

  /** Each invalid field, in API terms; empty when the member can be added. */
  public List<Violation> violations() {
    List<Violation> out = new ArrayList<>();
    if (email == null || !EMAIL.matcher(email).matches()) {
      out.add(new Violation("email", "Enter an e-mail address in the form name@example.org"));
    }
    if (username != null && !USERNAME.matcher(username).matches()) {
      out.add(
          new Violation(
              "username",
              "Use 2 to 100 lower-case letters, digits and . _ @ + - for the username,"
                  + " starting with a letter or digit"));
    }
    if (firstName == null) {
      out.add(new Violation("firstName", "Enter the person's first name"));
    }
    if (lastName == null) {
      out.add(new Violation("lastName", "Enter the person's last name"));
    }
    text("email", email, MAX_EMAIL, out);
    text("firstName", firstName, MAX_NAME, out);
    text("lastName", lastName, MAX_NAME, out);
    if (role == null || MemberRole.of(role).isEmpty()) {
      out.add(
          new Violation(
              "role",
              (role == null ? "Choose a role" : "'" + role + "' is not a role members can have")
                  + ": dpo, partner or senior-officer"));
    }
    return out;
  }

  /** As the shapes allow for names and e-mail addresses. */
  static final int MAX_NAME = 300;

  static final int MAX_EMAIL = 254;

  /** Text the audit log and Keycloak can carry: XML-safe characters, a bounded length. */
  private static void text(String field, String value, int max, List<Violation> out) {
    if (value == null || out.stream().anyMatch(v -> v.field().equals(field))) {
      return;
    }
    if (!XmlText.isLegal(value)) {
      out.add(new Violation(field, XmlText.MESSAGE));
    } else if (value.length() > max) {
      out.add(new Violation(field, "Keep this to at most " + max + " characters"));
    }
  }

  /** The role; call only once {@link #violations()} is empty. */
  public MemberRole memberRole() {
    return MemberRole.of(role).orElseThrow();
  }

  private static String trim(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String lower(String s) {
    String t = trim(s);
    return t == null ? null : t.toLowerCase(Locale.ROOT);
  }
}

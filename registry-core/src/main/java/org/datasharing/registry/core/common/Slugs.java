package org.datasharing.registry.core.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Identifiers used in IRIs: lower-case letters, digits and hyphens. */
public final class Slugs {
  private static final Pattern VALID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?");

  private Slugs() {}

  public static boolean isValid(String slug) {
    return slug != null && VALID.matcher(slug).matches();
  }

  /**
   * A slug made from a human name, e.g. "Northshire Fire &amp; Rescue" to "northshire-fire-rescue".
   */
  public static String of(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    slug = slug.replaceAll("^-+|-+$", "");
    return slug.length() > 100 ? slug.substring(0, 100).replaceAll("-+$", "") : slug;
  }
}

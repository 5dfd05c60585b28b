package org.datasharing.registry.core.agreement;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What changed between two versions: per field, and as a unified diff of their text. */
public record VersionDiff(int from, int to, List<FieldChange> changes, List<String> unifiedDiff) {

  /** One field whose value differs. */
  public record FieldChange(String field, Object before, Object after) {
    /** The change word by word: unchanged, removed and added runs, in reading order. */
    public List<Words> words() {
      return Words.between(text(before), text(after));
    }
  }

  /** A run of words of a field's text that is unchanged, removed or added. */
  public record Words(Kind kind, String text) {
    /** Whether the run is in both versions, only the earlier or only the later one. */
    public enum Kind {
      SAME,
      REMOVED,
      ADDED
    }

    public boolean added() {
      return kind == Kind.ADDED;
    }

    public boolean removed() {
      return kind == Kind.REMOVED;
    }

    static List<Words> between(String before, String after) {
      List<String> a = tokens(before);
      List<String> b = tokens(after);
      List<Words> out = new ArrayList<>();
      int i = 0;
      for (AbstractDelta<String> d : DiffUtils.diff(a, b).getDeltas()) {
        int at = d.getSource().getPosition();
        append(out, Kind.SAME, a.subList(i, at));
        append(out, Kind.REMOVED, d.getSource().getLines());
        append(out, Kind.ADDED, d.getTarget().getLines());
        i = at + d.getSource().size();
      }
      append(out, Kind.SAME, a.subList(i, a.size()));
      return out;
    }

    /**
     * Words, punctuation marks and the spaces between them, so that joining the tokens gives the
     * text back.
     */
    private static List<String> tokens(String text) {
      List<String> out = new ArrayList<>();
      Matcher m = TOKEN.matcher(text);
      while (m.find()) {
        out.add(m.group());
      }
      return out;
    }

    private static void append(List<Words> out, Kind kind, List<String> tokens) {
      if (tokens.isEmpty()) {
        return;
      }
      String text = String.join("", tokens);
      if (!out.isEmpty() && out.get(out.size() - 1).kind() == kind) {
        text = out.remove(out.size() - 1).text() + text;
      }
      out.add(new Words(kind, text));
    }
  }

  private static final Pattern TOKEN = Pattern.compile("\\s+|[\\p{L}\\p{N}'_-]+|[^\\s]");

  /** A field's value as readers see it: a list as its items separated by commas, none as empty. */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Collection<?> c) {
      return String.join(", ", c.stream().map(VersionDiff::text).toList());
    }
    return String.valueOf(value);
  }

  static VersionDiff between(int from, AgreementContent a, int to, AgreementContent b) {
    List<FieldChange> changes = new ArrayList<>();
    Map<String, Object> fa = flatten(a);
    Map<String, Object> fb = flatten(b);
    TreeSet<String> keys = new TreeSet<>(fa.keySet());
    keys.addAll(fb.keySet());
    for (String k : keys) {
      if (!Objects.equals(fa.get(k), fb.get(k))) {
        changes.add(new FieldChange(k, fa.get(k), fb.get(k)));
      }
    }
    List<String> left = lines(fa);
    List<String> right = lines(fb);
    Patch<String> patch = DiffUtils.diff(left, right);
    List<String> unified =
        UnifiedDiffUtils.generateUnifiedDiff("version " + from, "version " + to, left, patch, 1);
    return new VersionDiff(from, to, changes, unified);
  }

  private static Map<String, Object> flatten(AgreementContent c) {
    Map<String, Object> out = new java.util.TreeMap<>(c.fields());
    for (Map<String, Object> p : c.parties()) {
      String org = String.valueOf(p.get("organisation"));
      p.forEach((k, v) -> out.put("party " + org + " " + k, v));
    }
    return out;
  }

  private static List<String> lines(Map<String, Object> fields) {
    List<String> out = new ArrayList<>();
    fields.forEach((k, v) -> out.add(k + ": " + text(v)));
    return out;
  }
}

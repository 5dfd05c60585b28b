package org.datasharing.registry.core.agreement;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** What changed between two versions: per field, and as a unified diff of their text. */
public record VersionDiff(int from, int to, List<FieldChange> changes, List<String> unifiedDiff) {

  /** One field whose value differs. */
  public record FieldChange(String field, Object before, Object after) {}

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
    fields.forEach((k, v) -> out.add(k + ": " + v));
    return out;
  }
}

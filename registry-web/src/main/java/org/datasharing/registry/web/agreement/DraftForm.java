package org.datasharing.registry.web.agreement;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.agreement.Field;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.web.pages.Questions;
import org.springframework.util.MultiValueMap;

/**
 * The agreement editor's form: what the inputs show and what was posted, converted to and from the
 * core's {@link AgreementContent}. Dates are three inputs (day, month, year), yes/no questions
 * radios, pick lists checkboxes, data items one per line; empty answers are left out so the core's
 * checks name them.
 */
final class DraftForm {
  /** At most 999 party slots; other names are not party answers. */
  private static final Pattern PARTY_PARAM = Pattern.compile("parties\\[(\\d{1,3})]\\.(\\w+)");

  /** Single values by input name (date parts are {@code startDate-day} and so on). */
  private final Map<String, String> values = new LinkedHashMap<>();

  /** Checkbox values by field name. */
  private final Map<String, List<String>> lists = new LinkedHashMap<>();

  private final List<Map<String, String>> parties = new ArrayList<>();

  /** The form, converted: the content to save, or what is wrong with the answers. */
  record Converted(AgreementContent content, List<Violation> errors) {}

  static DraftForm of(AgreementContent content) {
    DraftForm form = new DraftForm();
    for (Field f : Field.values()) {
      Object v = content.fields().get(f.apiName());
      if (v == null) {
        continue;
      }
      String name = f.apiName();
      switch (f.kind()) {
        case TEXT_LIST -> form.values.put(name, String.join("\n", strings(v)));
        case REF_LIST, DATASET_LIST -> form.lists.put(name, strings(v));
        case BOOLEAN -> form.values.put(name, Boolean.TRUE.equals(v) ? "yes" : "no");
        case DATE -> {
          try {
            LocalDate d = LocalDate.parse(String.valueOf(v));
            form.values.put(name + "-day", String.valueOf(d.getDayOfMonth()));
            form.values.put(name + "-month", String.valueOf(d.getMonthValue()));
            form.values.put(name + "-year", String.valueOf(d.getYear()));
          } catch (DateTimeException e) {
            form.values.put(name + "-year", String.valueOf(v));
          }
        }
        default -> form.values.put(name, String.valueOf(v));
      }
    }
    // the DPIA yes/no is read from the answers the text holds
    if (Questions.DPIA_YES.stream().anyMatch(content.fields()::containsKey)) {
      form.values.put(Questions.DPIA_ASKED, "yes");
    } else if (Questions.DPIA_NO.stream().anyMatch(content.fields()::containsKey)) {
      form.values.put(Questions.DPIA_ASKED, "no");
    }
    for (Map<String, Object> p : content.parties()) {
      Map<String, String> party = new LinkedHashMap<>();
      p.forEach((k, v) -> party.put(k, String.valueOf(v)));
      form.parties.add(party);
    }
    return form;
  }

  /** A new draft: the author's organisation as the first party. */
  static DraftForm forOrganisation(String organisation) {
    DraftForm form = new DraftForm();
    Map<String, String> party = new LinkedHashMap<>();
    party.put("organisation", organisation);
    party.put("role", "controller");
    form.parties.add(party);
    return form;
  }

  static DraftForm of(MultiValueMap<String, String> params) {
    DraftForm form = new DraftForm();
    Map<Integer, Map<String, String>> parties = new TreeMap<>();
    params.forEach(
        (name, vs) -> {
          Matcher m = PARTY_PARAM.matcher(name);
          if (m.matches()) {
            parties
                .computeIfAbsent(Integer.parseInt(m.group(1)), i -> new LinkedHashMap<>())
                .put(m.group(2), first(vs));
          } else if (isList(name)) {
            form.lists.put(name, vs.stream().filter(v -> !v.isBlank()).toList());
          } else {
            form.values.put(name, first(vs));
          }
        });
    form.parties.addAll(parties.values());
    return form;
  }

  /** A party's yes or no answer, posted as {@code true} or {@code false}. */
  private static boolean isYesNo(String partyField) {
    return Field.PartyField.byApiName(partyField)
        .map(f -> f.kind() == Field.Kind.BOOLEAN)
        .orElse(false);
  }

  private static boolean isList(String name) {
    return Field.byApiName(name)
        .map(f -> f.kind() == Field.Kind.REF_LIST || f.kind() == Field.Kind.DATASET_LIST)
        .orElse(false);
  }

  Converted convert() {
    Map<String, Object> fields = new LinkedHashMap<>();
    List<Violation> errors = new ArrayList<>();
    for (Field f : Field.values()) {
      String name = f.apiName();
      switch (f.kind()) {
        case TEXT_LIST -> {
          List<String> lines =
              value(name).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
          if (!lines.isEmpty()) {
            fields.put(name, lines);
          }
        }
        case REF_LIST, DATASET_LIST -> {
          List<String> chosen = lists.getOrDefault(name, List.of());
          if (!chosen.isEmpty()) {
            fields.put(name, chosen);
          }
        }
        case BOOLEAN -> {
          String v = value(name);
          if (v.equals("yes") || v.equals("no")) {
            fields.put(name, v.equals("yes"));
          }
        }
        case DATE -> date(name, errors).ifPresent(d -> fields.put(name, d.toString()));
        default -> {
          String v = value(name).strip();
          if (!v.isEmpty()) {
            fields.put(name, v);
          }
        }
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, String> p : parties) {
      if (p.getOrDefault("organisation", "").isBlank()) {
        continue; // an empty party slot
      }
      Map<String, Object> party = new LinkedHashMap<>();
      p.forEach(
          (k, v) -> {
            if (v != null && !v.isBlank()) {
              String answer = v.strip();
              boolean yesNo = isYesNo(k) && (answer.equals("true") || answer.equals("false"));
              party.put(k, yesNo ? (Object) Boolean.valueOf(answer) : answer);
            }
          });
      out.add(party);
    }
    return new Converted(new AgreementContent(fields, out), errors);
  }

  /**
   * The answers of one question page put into the draft's current content: the page's fields (or
   * the parties, on the parties' page) are replaced, cleared answers removed, every other answer
   * kept as it was. Datasets in {@code keptDatasets} stay chosen whatever was posted (the page
   * could not offer them).
   */
  Converted mergeInto(
      AgreementContent current, Questions.Section step, java.util.Set<String> keptDatasets) {
    Converted posted = convert();
    Map<String, Object> fields = new LinkedHashMap<>(current.fields());
    List<Map<String, Object>> parties = current.parties();
    if (step.isParties()) {
      parties = whoAreTheParties(current, posted.content());
    } else {
      for (Questions.Question q : step.questions()) {
        fields.remove(q.name());
        Object v = posted.content().fields().get(q.name());
        if (q.name().equals(Field.DATASETS.apiName()) && !keptDatasets.isEmpty()) {
          java.util.Set<String> all = new java.util.LinkedHashSet<>(keptDatasets);
          if (v instanceof List<?> l) {
            l.forEach(d -> all.add(String.valueOf(d)));
          }
          v = List.copyOf(all);
        }
        if (v != null) {
          fields.put(q.name(), v);
        }
      }
      if (step.asksDpia()) {
        // the answers of the reveal not chosen are not part of the text
        switch (value(Questions.DPIA_ASKED)) {
          case "yes" -> Questions.DPIA_NO.forEach(fields::remove);
          case "no" -> Questions.DPIA_YES.forEach(fields::remove);
          default -> {}
        }
      }
    }
    return new Converted(new AgreementContent(fields, parties), posted.errors());
  }

  /**
   * The field an error is shown on: an error about the DPIA's answers goes to the yes/no question
   * while neither answer is chosen (its reveals are closed); any other stays on its field.
   */
  String shownOn(String field) {
    boolean dpia = Questions.DPIA_YES.contains(field) || Questions.DPIA_NO.contains(field);
    return dpia && value(Questions.DPIA_ASKED).isEmpty() ? Questions.DPIA_ASKED : field;
  }

  /** {@link #shownOn(String)} for the saved text (what its page shows). */
  static String shownOn(String field, AgreementContent content) {
    return of(content).shownOn(field);
  }

  /**
   * What the DPIA question still lacks once its page is saved: yes needs the assessment's reference
   * and date, no the reason none is needed; on "Save and continue", an answer. Each names the input
   * to fix; the draft keeps what was saved.
   */
  List<Violation> dpiaGaps(AgreementContent saved, boolean continuing) {
    List<Violation> out = new ArrayList<>();
    switch (value(Questions.DPIA_ASKED)) {
      case "yes" -> {
        if (!saved.fields().containsKey(Field.DPIA.apiName())) {
          out.add(
              new Violation(Field.DPIA.apiName(), "Enter the reference of the impact assessment"));
        }
        if (!saved.fields().containsKey(Field.DPIA_DATE.apiName())) {
          out.add(
              new Violation(
                  Field.DPIA_DATE.apiName(), "Enter the date the impact assessment was completed"));
        }
      }
      case "no" -> {
        if (!saved.fields().containsKey(Field.NO_DPIA.apiName())) {
          out.add(
              new Violation(
                  Field.NO_DPIA.apiName(),
                  "Say why no data protection impact assessment is needed"));
        }
      }
      default -> {
        if (continuing) {
          out.add(
              new Violation(
                  Questions.DPIA_ASKED,
                  "Select yes if a data protection impact assessment has been carried out"));
        }
      }
    }
    return out;
  }

  /**
   * The parties' page says who the parties are and their roles, in the order posted; each party
   * keeps the answers it gave for itself (matched by organisation), which only its own page
   * changes.
   */
  private static List<Map<String, Object>> whoAreTheParties(
      AgreementContent current, AgreementContent posted) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> p : posted.parties()) {
      Object org = p.get("organisation");
      Map<String, Object> party = new LinkedHashMap<>();
      current.parties().stream()
          .filter(c -> String.valueOf(c.get("organisation")).equals(org))
          .findFirst()
          .ifPresent(party::putAll);
      party.put("organisation", org);
      party.remove("role");
      if (p.get("role") != null) {
        party.put("role", p.get("role"));
      }
      out.add(party);
    }
    return out;
  }

  /**
   * One party's own page put into the draft: that party's answers to the questions the page asked
   * are replaced (cleared when left empty), everything else kept.
   */
  static AgreementContent mergeParty(
      MultiValueMap<String, String> params,
      AgreementContent current,
      int index,
      List<Questions.Question> asked) {
    Map<String, Object> posted = new LinkedHashMap<>();
    String prefix = Questions.partyName(index, "");
    params.forEach(
        (k, vs) -> {
          String v = first(vs);
          if (k.startsWith(prefix) && !v.isBlank()) {
            String field = k.substring(prefix.length());
            String answer = v.strip();
            boolean yesNo = isYesNo(field) && (answer.equals("true") || answer.equals("false"));
            posted.put(field, yesNo ? (Object) Boolean.valueOf(answer) : answer);
          }
        });
    List<Map<String, Object>> parties = new ArrayList<>();
    for (int i = 0; i < current.parties().size(); i++) {
      Map<String, Object> party = new LinkedHashMap<>(current.parties().get(i));
      if (i == index) {
        for (Questions.Question q : asked) {
          party.remove(q.name());
          if (posted.containsKey(q.name())) {
            party.put(q.name(), posted.get(q.name()));
          }
        }
      }
      parties.add(party);
    }
    return new AgreementContent(current.fields(), parties);
  }

  private java.util.Optional<LocalDate> date(String name, List<Violation> errors) {
    String d = value(name + "-day").strip();
    String m = value(name + "-month").strip();
    String y = value(name + "-year").strip();
    if (d.isEmpty() && m.isEmpty() && y.isEmpty()) {
      return java.util.Optional.empty();
    }
    try {
      if (y.length() != 4) {
        throw new NumberFormatException("year");
      }
      return java.util.Optional.of(
          LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d)));
    } catch (NumberFormatException | DateTimeException e) {
      errors.add(
          new Violation(
              name, Questions.label(name).replace(" (optional)", "") + " must be a real date"));
      return java.util.Optional.empty();
    }
  }

  // ---------------------------------------------------------------- for the template

  public String value(String name) {
    return values.getOrDefault(name, "");
  }

  public boolean checked(String name, String code) {
    return lists.getOrDefault(name, List.of()).contains(code);
  }

  public List<String> list(String name) {
    return lists.getOrDefault(name, List.of());
  }

  /** The party slots to show: every party, and one empty slot to add another. */
  public List<Integer> partySlots() {
    List<Integer> slots = new ArrayList<>();
    for (int i = 0; i <= parties.size(); i++) {
      slots.add(i);
    }
    return slots;
  }

  public String party(int index, String field) {
    return index < parties.size() ? parties.get(index).getOrDefault(field, "") : "";
  }

  /** Organisations of the parties, to offer their datasets. */
  List<String> partyOrganisations() {
    return parties.stream()
        .map(p -> p.getOrDefault("organisation", ""))
        .filter(o -> !o.isBlank())
        .toList();
  }

  private static String first(List<String> vs) {
    return vs == null || vs.isEmpty() ? "" : vs.get(0);
  }

  private static List<String> strings(Object v) {
    return v instanceof List<?> l
        ? l.stream().map(String::valueOf).toList()
        : List.of(String.valueOf(v));
  }
}

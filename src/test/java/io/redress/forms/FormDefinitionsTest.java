package io.redress.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds the Camunda Forms in {@code forms/} to the contract between the forms, the process and Tasklist.
 *
 * <p>Tasklist fills every field from the process variable named like the field's key and, on submit, writes back
 * every keyed field that is not {@code disabled}. So the set of non-disabled keyed fields of a form is exactly the
 * set of variables that step may change; everything else shown must be {@code disabled: true}.
 *
 * <p>The directory can be overridden with {@code -Dredress.forms.dir=...} (used to check the test itself against
 * broken copies of the forms).
 */
class FormDefinitionsTest {

  private static final Path FORMS_DIR = Path.of(System.getProperty("redress.forms.dir", "forms"));
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final String START_FORM = "complaint-intake";

  /** The case as every task form shows it read-only: key -> form-js component type. */
  private static final Map<String, String> CASE_FIELDS = orderedMap(
      "complaintNumber", "textfield",
      "customerName", "textfield",
      "customerPhoneMasked", "textfield",
      "channel", "select",
      "description", "textarea",
      "amountClaimed", "number",
      "severity", "select",
      "deadlineText", "textfield");

  /** What each form asks for: the keys of its non-disabled keyed fields (the variables the step writes). */
  private static final Map<String, Set<String>> ASKED_KEYS = Map.of(
      "complaint-intake", Set.of("customerName", "customerPhone", "customerEmail", "customerTier", "channel",
          "orderRef", "identityCheck", "identityRelationship", "description", "desiredOutcome", "amountClaimed",
          "safetyRisk", "resolvedAtIntake", "resolution"),
      "classify-complaint", Set.of("category", "nature", "severity", "major"),
      "assign-complaint", Set.of("handler"),
      "investigate-complaint", Set.of("findings", "rootCause", "rootCauseCategory", "resolutionType",
          "compensationAmount"),
      "approve-resolution", Set.of("approved", "approvalComment"),
      "execute-resolution", Set.of("executionNote"),
      "collect-feedback", Set.of("customerReached", "satisfaction", "surveyAttitude", "surveySpeed",
          "surveyEffectiveness", "feedbackComment"),
      "handle-escalation", Set.of("escalationNote"));

  /** What every task form shows of the case's history: its timeline and every deadline (io.redress.lifecycle.CaseSheet). */
  private static final Set<String> SHEET_KEYS = Set.of("caseTimeline", "caseDeadlines", "caseEvidence");

  /** The feedback survey: numbers from 1 to 5, shown when the customer was reached. */
  private static final Set<String> SCORE_KEYS = Set.of("surveyAttitude", "surveySpeed", "surveyEffectiveness");

  /** Case data each task form shows read-only on top of the eight case fields (and {@link #SHEET_KEYS}). */
  private static final Map<String, Set<String>> EXTRA_DISPLAY_KEYS = Map.of(
      "complaint-intake", Set.of(),
      "classify-complaint", Set.of("suggestedSeverity", "secondComplaint", "earlierComplaint", "customerMessages"),
      "assign-complaint", Set.of("category", "nature", "major", "earlierComplaint", "customerMessages"),
      "investigate-complaint", Set.of("desiredOutcome", "approvalComment", "customerMessages"),
      "approve-resolution", Set.of("handler", "findings", "rootCause", "resolutionType", "compensationAmount",
          "customerMessages"),
      "execute-resolution", Set.of("resolutionType", "compensationAmount", "approvalComment", "customerMessages"),
      "collect-feedback", Set.of("resolutionType", "resolution", "executionNote", "customerMessages"),
      "handle-escalation", Set.of("escalationCode", "escalationGroup", "customerMessages"));

  /** Asked keys that carry {@code validate.required: true}; all other asked keys must not. */
  private static final Map<String, Set<String>> REQUIRED_KEYS = Map.of(
      "complaint-intake", Set.of("customerName", "customerPhone", "customerTier", "channel", "description",
          "resolution", "identityRelationship"),
      "classify-complaint", Set.of("category", "nature", "severity"),
      "assign-complaint", Set.of("handler"),
      "investigate-complaint", Set.of("findings", "rootCause", "rootCauseCategory", "resolutionType",
          "compensationAmount"),
      "approve-resolution", Set.of(),
      "execute-resolution", Set.of("executionNote"),
      "collect-feedback", Set.of("satisfaction"),
      "handle-escalation", Set.of("escalationNote"));

  private static final Set<String> RESOLUTION_TYPES =
      Set.of("explanation", "apology", "refund", "credit", "replacement", "compensation");
  private static final Set<String> SEVERITIES = Set.of("general", "important", "urgent");

  /** Allowed values of every select/radio bound to these keys, in whichever form they appear. */
  private static final Map<String, Set<String>> ALLOWED_VALUES = Map.of(
      "category", Set.of("facilities-product", "service-attitude", "service-quality", "sudden-incident",
          "billing-refund", "logistics-delivery", "technical-fault", "transaction-dispute", "other"),
      "nature", Set.of("valid", "help-seeking", "consultation", "venting"),
      "severity", SEVERITIES,
      "suggestedSeverity", SEVERITIES,
      "resolutionType", RESOLUTION_TYPES,
      "desiredOutcome", RESOLUTION_TYPES,
      "satisfaction", Set.of("very_satisfied", "satisfied", "basically_satisfied", "dissatisfied",
          "very_dissatisfied"),
      "channel", Set.of("phone", "chat", "email", "social", "web", "letter", "visit"),
      "customerTier", Set.of("standard", "premium", "vip"),
      "identityCheck", Set.of("booker", "reserved-number", "stated-relationship", "failed"));

  /** Selects whose options come from a JSON process variable ("form id/key" -> valuesKey). */
  private static final Map<String, String> DYNAMIC_OPTIONS = Map.of("assign-complaint/handler", "handlerOptions",
      "investigate-complaint/rootCauseCategory", "rootCauseOptions");

  /** Every conditional visibility in the forms ("form id/key" -> FEEL hide expression); no others allowed. */
  private static final String NO_MESSAGES = "=customerMessages = null or customerMessages = \"\"";
  private static final String NO_EARLIER = "=earlierComplaint = null or earlierComplaint = \"\"";
  private static final Map<String, String> HIDE_CONDITIONS = Map.ofEntries(
      Map.entry("complaint-intake/resolution", "=resolvedAtIntake != true"),
      Map.entry("complaint-intake/identityRelationship", "=identityCheck != \"stated-relationship\""),
      Map.entry("investigate-complaint/approvalComment", "=approvalComment = null or approvalComment = \"\""),
      Map.entry("execute-resolution/approvalComment", "=approvalComment = null or approvalComment = \"\""),
      Map.entry("collect-feedback/resolutionType", "=resolutionType = null or resolutionType = \"\""),
      Map.entry("collect-feedback/resolution", "=resolution = null or resolution = \"\""),
      Map.entry("collect-feedback/executionNote", "=executionNote = null or executionNote = \"\""),
      Map.entry("collect-feedback/satisfaction", "=customerReached != true"),
      Map.entry("collect-feedback/surveyAttitude", "=customerReached != true"),
      Map.entry("collect-feedback/surveySpeed", "=customerReached != true"),
      Map.entry("collect-feedback/surveyEffectiveness", "=customerReached != true"),
      Map.entry("classify-complaint/earlierComplaint", NO_EARLIER),
      Map.entry("assign-complaint/earlierComplaint", NO_EARLIER),
      Map.entry("classify-complaint/customerMessages", NO_MESSAGES),
      Map.entry("assign-complaint/customerMessages", NO_MESSAGES),
      Map.entry("investigate-complaint/customerMessages", NO_MESSAGES),
      Map.entry("approve-resolution/customerMessages", NO_MESSAGES),
      Map.entry("execute-resolution/customerMessages", NO_MESSAGES),
      Map.entry("collect-feedback/customerMessages", NO_MESSAGES),
      Map.entry("handle-escalation/customerMessages", NO_MESSAGES));

  /** Default values of asked fields ("form id/key" -> JSON value); asked checkboxes must default to false. */
  private static final Map<String, Object> DEFAULTS = Map.of(
      "complaint-intake/customerTier", "standard",
      "complaint-intake/channel", "phone",
      "complaint-intake/safetyRisk", false,
      "complaint-intake/resolvedAtIntake", false,
      "classify-complaint/major", false,
      "investigate-complaint/compensationAmount", 0,
      "approve-resolution/approved", false,
      "collect-feedback/customerReached", false);

  /** Short texts with a limit other than the general 200. */
  private static final Map<String, Integer> SHORT_TEXT_LIMITS = Map.of("orderRef", 100, "customerPhone", 20);

  private static final Pattern COMPONENT_ID = Pattern.compile("^[A-Z][A-Za-z]+_[A-Za-z0-9]+$");
  private static final Pattern GENERATED_ID_SUFFIX = Pattern.compile("_[0-9a-z]{7}$");
  private static final Set<String> CHOICE_TYPES = Set.of("select", "radio");
  private static final int GRID_COLUMNS = 16;

  static Stream<String> formIds() {
    return ASKED_KEYS.keySet().stream().sorted();
  }

  static Stream<String> taskFormIds() {
    return formIds().filter(id -> !id.equals(START_FORM));
  }

  @Test
  void formsDirectoryHoldsExactlyTheContractedForms() throws IOException {
    Set<String> files;
    try (Stream<Path> list = Files.list(FORMS_DIR)) {
      files = list.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".form"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> expected = formIds().map(id -> id + ".form").collect(Collectors.toCollection(TreeSet::new));
    expected.add(MonthlySummaryFormTest.FORM + ".form"); // not a complaint's form: checked by its own test
    assertEquals(expected, files, "forms in " + FORMS_DIR.toAbsolutePath());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formIds")
  void idEqualsFileNameAndHeaderIsForCamundaPlatform7(String formId) throws IOException {
    JsonNode form = load(formId);
    assertEquals(formId, text(form, "id"), "form id must equal the file name without .form");
    assertEquals("default", text(form, "type"), "form type");
    assertTrue(form.path("schemaVersion").isInt(), "schemaVersion must be an integer");
    assertEquals(16, form.path("schemaVersion").asInt(), "schemaVersion (form-js of Tasklist 7.24)");
    assertEquals("Camunda Platform", text(form, "executionPlatform"), "executionPlatform");
    assertEquals("7.24.0", text(form, "executionPlatformVersion"), "executionPlatformVersion");
    assertEquals("Camunda Modeler", form.path("exporter").path("name").asText(null), "exporter.name");
    assertEquals("5.31.0", form.path("exporter").path("version").asText(null), "exporter.version");
    assertTrue(form.path("components").isArray() && !form.path("components").isEmpty(), "components");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formIds")
  void idsAreUniqueAndWrittenByHand(String formId) throws IOException {
    Set<String> seen = new HashSet<>();
    for (JsonNode c : components(load(formId))) {
      String id = text(c, "id");
      assertNotNull(id, () -> formId + ": component without id: " + c);
      assertTrue(COMPONENT_ID.matcher(id).matches(), () -> formId + ": id '" + id + "' is not like Field_Description");
      assertFalse(GENERATED_ID_SUFFIX.matcher(id).find(), () -> formId + ": id '" + id + "' looks generated");
      assertTrue(seen.add(id), () -> formId + ": duplicate id '" + id + "'");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formIds")
  void everyComponentIsLabelledAndTheFormOpensWithTwoTexts(String formId) throws IOException {
    List<JsonNode> all = components(load(formId));
    for (JsonNode c : all) {
      assertFalse(isBlank(text(c, "label")), () -> formId + ": " + text(c, "id") + " has no label");
      if ("text".equals(text(c, "type"))) {
        assertFalse(isBlank(text(c, "text")), () -> formId + ": " + text(c, "id") + " has no text");
      }
    }
    assertTrue(all.size() >= 2, formId + ": too few components");
    assertEquals("text", text(all.get(0), "type"), formId + ": first component must be the heading text");
    assertTrue(text(all.get(0), "text").startsWith("# "), formId + ": first text must be a '# ' heading");
    assertEquals("text", text(all.get(1), "type"), formId + ": second component must say what is read-only");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formIds")
  void rowsAreContiguousIdentifiedAndFitTheGrid(String formId) throws IOException {
    Map<String, Integer> widthPerRow = new LinkedHashMap<>();
    String previousRow = null;
    for (JsonNode c : components(load(formId))) {
      String id = text(c, "id");
      String row = c.path("layout").path("row").asText(null);
      assertNotNull(row, () -> formId + ": " + id + " has no layout.row");
      assertTrue(COMPONENT_ID.matcher(row).matches() && !GENERATED_ID_SUFFIX.matcher(row).find(),
          () -> formId + ": row id '" + row + "' is not like Row_Case");
      if (!row.equals(previousRow)) {
        assertFalse(widthPerRow.containsKey(row), () -> formId + ": row " + row + " is split by other rows");
      }
      JsonNode columns = c.path("layout").path("columns");
      int width = 0;
      if (!columns.isMissingNode() && !columns.isNull()) {
        assertTrue(columns.isInt() && columns.asInt() >= 2 && columns.asInt() <= GRID_COLUMNS,
            () -> formId + ": " + id + " has invalid layout.columns " + columns);
        width = columns.asInt();
      }
      widthPerRow.merge(row, width, Integer::sum);
      previousRow = row;
    }
    widthPerRow.forEach((row, width) -> assertTrue(width <= GRID_COLUMNS,
        () -> formId + ": row " + row + " is " + width + " columns wide"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formIds")
  void keysAreUniqueAndOnlyTopLevel(String formId) throws IOException {
    JsonNode form = load(formId);
    Set<String> keys = new HashSet<>();
    for (JsonNode c : components(form)) {
      String key = text(c, "key");
      if (key != null) {
        assertTrue(keys.add(key), () -> formId + ": key '" + key + "' is bound twice");
      }
    }
    // valuesKey only works for top-level components in Tasklist; keep the forms flat.
    assertEquals(form.path("components").size(), components(form).size(), formId + ": nested components");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("taskFormIds")
  void taskFormShowsTheCaseReadOnly(String formId) throws IOException {
    Map<String, JsonNode> byKey = keyed(load(formId));
    for (Map.Entry<String, String> caseField : CASE_FIELDS.entrySet()) {
      String key = caseField.getKey();
      JsonNode field = byKey.get(key);
      assertNotNull(field, () -> formId + ": case field '" + key + "' is missing");
      assertEquals(caseField.getValue(), text(field, "type"), () -> formId + ": type of case field " + key);
      if (!ASKED_KEYS.get(formId).contains(key)) {
        assertTrue(field.path("disabled").asBoolean(false),
            () -> formId + ": case field '" + key + "' must be \"disabled\": true (readonly would be submitted)");
      }
    }
    Set<String> display = new TreeSet<>(EXTRA_DISPLAY_KEYS.get(formId));
    display.addAll(SHEET_KEYS);
    for (String key : display) {
      JsonNode field = byKey.get(key);
      assertNotNull(field, () -> formId + ": display field '" + key + "' is missing");
      assertTrue(field.path("disabled").asBoolean(false), () -> formId + ": '" + key + "' must be disabled");
    }
    for (String key : SHEET_KEYS) {
      // a text area shows the text as it is; a text component would read it as Markdown
      assertEquals("textarea", text(byKey.get(key), "type"), () -> formId + ": " + key + " must be a textarea");
    }
    Set<String> expectedKeys = new TreeSet<>(CASE_FIELDS.keySet());
    expectedKeys.addAll(display);
    expectedKeys.addAll(ASKED_KEYS.get(formId));
    assertEquals(expectedKeys, new TreeSet<>(byKey.keySet()), formId + ": keys shown or asked");
  }

  @Test
  void startFormDisablesNothing() throws IOException {
    for (JsonNode c : components(load(START_FORM))) {
      assertFalse(c.path("disabled").asBoolean(false), () -> START_FORM + ": " + text(c, "id") + " is disabled");
      assertFalse(c.path("readonly").asBoolean(false), () -> START_FORM + ": " + text(c, "id") + " is readonly");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formIds")
  void formAsksExactlyTheContractedKeys(String formId) throws IOException {
    Set<String> asked = asked(load(formId)).keySet();
    assertEquals(new TreeSet<>(ASKED_KEYS.get(formId)), new TreeSet<>(asked),
        formId + ": keys submitted by Tasklist (keyed fields without disabled: true)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formIds")
  void requiredWhereTheContractSaysSo(String formId) throws IOException {
    Map<String, JsonNode> byKey = keyed(load(formId));
    Set<String> required = new TreeSet<>();
    byKey.forEach((key, field) -> {
      if (field.path("validate").path("required").asBoolean(false)) {
        assertFalse(field.path("disabled").asBoolean(false), () -> formId + ": disabled '" + key + "' is required");
        required.add(key);
      }
    });
    assertEquals(new TreeSet<>(REQUIRED_KEYS.get(formId)), required, formId + ": required fields");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formIds")
  void choicesOfferExactlyTheAllowedValues(String formId) throws IOException {
    for (Map.Entry<String, JsonNode> entry : keyed(load(formId)).entrySet()) {
      String key = entry.getKey();
      JsonNode field = entry.getValue();
      String type = text(field, "type");
      String dynamic = DYNAMIC_OPTIONS.get(formId + "/" + key);
      if (dynamic != null) {
        assertTrue(CHOICE_TYPES.contains(type), () -> formId + ": '" + key + "' must be a select or radio");
        assertEquals(dynamic, text(field, "valuesKey"), () -> formId + ": valuesKey of " + key);
        assertTrue(field.path("values").isMissingNode(), () -> formId + ": '" + key + "' has static values too");
        continue;
      }
      assertTrue(field.path("valuesKey").isMissingNode(), () -> formId + ": unexpected valuesKey on " + key);
      Set<String> allowed = ALLOWED_VALUES.get(key);
      if (allowed == null) {
        assertFalse(CHOICE_TYPES.contains(type), () -> formId + ": '" + key + "' is a choice without a contract");
        continue;
      }
      assertTrue(CHOICE_TYPES.contains(type), () -> formId + ": '" + key + "' must be a select or radio");
      List<String> values = new ArrayList<>();
      for (JsonNode option : field.path("values")) {
        assertFalse(isBlank(text(option, "label")), () -> formId + ": option of " + key + " without label");
        values.add(text(option, "value"));
      }
      assertEquals(values.size(), new HashSet<>(values).size(), () -> formId + ": duplicate values in " + key);
      assertEquals(new TreeSet<>(allowed), new TreeSet<>(values), () -> formId + ": values of " + key);
      JsonNode defaultValue = field.path("defaultValue");
      if (!defaultValue.isMissingNode()) {
        assertTrue(allowed.contains(defaultValue.asText()), () -> formId + ": default of " + key + " not allowed");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formIds")
  void textsHaveMaximumLengths(String formId) throws IOException {
    asked(load(formId)).forEach((key, field) -> {
      JsonNode validate = field.path("validate");
      switch (text(field, "type")) {
        case "textarea" -> assertEquals(4000, validate.path("maxLength").asInt(-1),
            () -> formId + ": maxLength of long text " + key);
        case "textfield" -> {
          if ("email".equals(text(validate, "validationType"))) {
            // Modeler drops length and pattern rules when a built-in validation type is chosen.
            assertTrue(validate.path("maxLength").isMissingNode(), () -> formId + ": " + key + " email + maxLength");
          } else {
            int expected = SHORT_TEXT_LIMITS.getOrDefault(key, 200);
            assertEquals(expected, validate.path("maxLength").asInt(-1), () -> formId + ": maxLength of " + key);
          }
        }
        default -> { }
      }
    });
  }

  @Test
  void intakeValidatesPhoneAndEmail() throws IOException {
    Map<String, JsonNode> byKey = keyed(load(START_FORM));
    String pattern = text(byKey.get("customerPhone").path("validate"), "pattern");
    assertNotNull(pattern, "customerPhone needs a pattern");
    // form-js tests with new RegExp(pattern).test(value): unanchored, so the pattern must anchor itself.
    Pattern phone = Pattern.compile(pattern);
    for (String ok : List.of("+86 138 0013 8000", "021-5555-0101", "123456", "+44 20 7946 0958")) {
      assertTrue(phone.matcher(ok).find(), () -> "phone should be accepted: " + ok);
    }
    for (String bad : List.of("12345", "call me", "138 0013 8000 ext 12", "+86 138 0013 8000 0000 0")) {
      assertFalse(phone.matcher(bad).find(), () -> "phone should be rejected: " + bad);
    }
    assertEquals("email", text(byKey.get("customerEmail").path("validate"), "validationType"), "customerEmail");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formIds")
  void amountsAreNonNegativeWithTwoDecimalsAndScoresWholeFromOneToFive(String formId) throws IOException {
    Map<String, JsonNode> asked = asked(load(formId));
    keyed(load(formId)).forEach((key, field) -> {
      if (!"number".equals(text(field, "type"))) {
        return;
      }
      if (SCORE_KEYS.contains(key)) {
        assertEquals(0, field.path("decimalDigits").asInt(-1), () -> formId + ": decimalDigits of " + key);
        assertEquals(1, field.path("validate").path("min").asInt(-1), () -> formId + ": validate.min of " + key);
        assertEquals(5, field.path("validate").path("max").asInt(-1), () -> formId + ": validate.max of " + key);
        return;
      }
      assertEquals(2, field.path("decimalDigits").asInt(-1), () -> formId + ": decimalDigits of " + key);
      if (asked.containsKey(key)) {
        JsonNode min = field.path("validate").path("min");
        assertTrue(min.isNumber() && min.asDouble() == 0.0, () -> formId + ": validate.min of " + key);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formIds")
  void defaultsAndCheckboxes(String formId) throws IOException {
    asked(load(formId)).forEach((key, field) -> {
      Object expected = DEFAULTS.get(formId + "/" + key);
      JsonNode actual = field.path("defaultValue");
      if ("checkbox".equals(text(field, "type"))) {
        assertEquals(false, expected, () -> formId + ": asked checkbox " + key + " must be in DEFAULTS as false");
      }
      if (expected == null) {
        assertTrue(actual.isMissingNode(), () -> formId + ": unexpected defaultValue on " + key);
      } else {
        assertEquals(MAPPER.valueToTree(expected), actual, () -> formId + ": defaultValue of " + key);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formIds")
  void conditionalVisibilityIsExactlyAsAgreed(String formId) throws IOException {
    Map<String, JsonNode> byKey = keyed(load(formId));
    HIDE_CONDITIONS.forEach((where, expression) -> {
      if (where.startsWith(formId + "/")) {
        String key = where.substring(formId.length() + 1);
        JsonNode field = byKey.get(key);
        assertNotNull(field, () -> formId + ": no field " + key);
        assertEquals(expression, field.path("conditional").path("hide").asText(null),
            () -> formId + ": hide condition of " + key);
      }
    });
    for (JsonNode c : components(load(formId))) {
      if (!c.path("conditional").isMissingNode()) {
        String where = formId + "/" + text(c, "key");
        assertTrue(HIDE_CONDITIONS.containsKey(where), () -> "unexpected conditional on " + where);
      }
    }
  }

  // helpers ------------------------------------------------------------------------------------------------------

  private static JsonNode load(String formId) throws IOException {
    Path file = FORMS_DIR.resolve(formId + ".form");
    assertTrue(Files.isRegularFile(file), () -> "missing " + file.toAbsolutePath());
    return MAPPER.readTree(file.toFile());
  }

  /** All components, depth first (groups included). */
  private static List<JsonNode> components(JsonNode container) {
    List<JsonNode> result = new ArrayList<>();
    for (JsonNode c : container.path("components")) {
      result.add(c);
      result.addAll(components(c));
    }
    return result;
  }

  /** Keyed fields by key (the last one wins; duplicates are caught by keysAreUniqueAndOnlyTopLevel). */
  private static Map<String, JsonNode> keyed(JsonNode form) {
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    for (JsonNode c : components(form)) {
      String key = text(c, "key");
      if (key != null) {
        byKey.put(key, c);
      }
    }
    return byKey;
  }

  /** Keyed fields that Tasklist submits: those without disabled: true. */
  private static Map<String, JsonNode> asked(JsonNode form) {
    Map<String, JsonNode> result = new LinkedHashMap<>();
    keyed(form).forEach((key, field) -> {
      if (!field.path("disabled").asBoolean(false)) {
        result.put(key, field);
      }
    });
    return result;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (map.put(keysAndValues[i], keysAndValues[i + 1]) != null) {
        fail("duplicate key " + keysAndValues[i]);
      }
    }
    return map;
  }
}

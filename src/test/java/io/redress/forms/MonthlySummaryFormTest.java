package io.redress.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The managers' form of the monthly summary (process monthly-summary), held to the rules of the complaint forms
 * ({@link FormDefinitionsTest}) that apply to a form about a month rather than a case: the header, hand-written
 * ids, a heading first, the variables it may write (exactly the findings and the actions, both required with a
 * limit) and everything else shown read-only. {@link FormTranslationsTest} holds the Chinese copy to it.
 */
class MonthlySummaryFormTest {

  static final String FORM = "monthly-summary";
  private static final Pattern COMPONENT_ID = Pattern.compile("^[A-Z][A-Za-z]+_[A-Za-z0-9]+$");

  @Test
  void theFormAsksForFindingsAndActionsAndShowsTheFiguresReadOnly() throws IOException {
    JsonNode form = new ObjectMapper().readTree(Path.of("forms", FORM + ".form").toFile());
    assertThat(form.path("id").asText()).isEqualTo(FORM);
    assertThat(form.path("schemaVersion").asInt()).isEqualTo(16);
    assertThat(form.path("executionPlatform").asText()).isEqualTo("Camunda Platform");
    assertThat(form.path("executionPlatformVersion").asText()).isEqualTo("7.24.0");
    assertThat(form.path("exporter").path("name").asText()).isEqualTo("Camunda Modeler");
    JsonNode components = form.path("components");
    assertThat(components.get(0).path("type").asText()).isEqualTo("text");
    assertThat(components.get(0).path("text").asText()).startsWith("# ");
    Set<String> ids = new HashSet<>();
    Map<String, JsonNode> asked = new LinkedHashMap<>();
    Set<String> shown = new HashSet<>();
    for (JsonNode c : components) {
      assertThat(c.path("id").asText()).matches(COMPONENT_ID);
      assertThat(ids.add(c.path("id").asText())).as("unique id").isTrue();
      assertThat(c.path("label").asText()).as(c.path("id").asText()).isNotBlank();
      if (c.has("key")) {
        if (c.path("disabled").asBoolean(false)) {
          shown.add(c.path("key").asText());
        } else {
          asked.put(c.path("key").asText(), c);
        }
      }
    }
    assertThat(asked.keySet()).containsExactlyInAnyOrder("summaryFindings", "summaryActions");
    assertThat(shown).containsExactlyInAnyOrder("summaryMonth", "summaryOverview");
    for (JsonNode field : asked.values()) {
      assertThat(field.path("type").asText()).isEqualTo("textarea");
      assertThat(field.path("validate").path("required").asBoolean()).isTrue();
      assertThat(field.path("validate").path("maxLength").asInt()).isEqualTo(8000);
    }
  }
}

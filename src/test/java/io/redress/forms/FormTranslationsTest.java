package io.redress.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The forms come in one definition per working language ({@code redress.locale}): {@code forms/*.form} in English and
 * {@code forms/zh-CN/*.form} in Chinese, deployed one set or the other. Both must be the same form but for the texts
 * people read: the same ids, keys, types, layout, validation, default values, option values, conditions and
 * header, so that {@link FormDefinitionsTest} (which checks the English set against the process) holds for the
 * Chinese set too, and the server's checks ({@code StageRules}) fit both.
 */
class FormTranslationsTest {

  private static final Path ENGLISH = Path.of("forms");
  private static final Path CHINESE = Path.of("forms", "zh-CN");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
  /** The texts people read: a component's text, label and description, and its options' labels. */
  private static final List<String> TEXTS = List.of("text", "label", "description");
  /** Texts that are the same in Chinese. */
  private static final Set<String> SAME_IN_CHINESE = Set.of("VIP");

  static Stream<String> forms() throws IOException {
    return names(ENGLISH).stream();
  }

  @Test
  void bothLanguagesHaveTheSameForms() throws IOException {
    assertThat(names(ENGLISH)).hasSize(9);
    assertThat(names(CHINESE)).isEqualTo(names(ENGLISH));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void theChineseFormIsTheEnglishFormButForItsTexts(String file) throws IOException {
    JsonNode english = MAPPER.readTree(ENGLISH.resolve(file).toFile());
    JsonNode chinese = MAPPER.readTree(CHINESE.resolve(file).toFile());
    List<String> englishTexts = new ArrayList<>();
    List<String> chineseTexts = new ArrayList<>();
    JsonNode englishForm = withoutTexts(english, englishTexts);
    JsonNode chineseForm = withoutTexts(chinese, chineseTexts);
    // ids, keys, types, layout, validation, defaults, option values, conditions, header: all identical
    assertThat(chineseForm).as(file).isEqualTo(englishForm);
    assertThat(chineseTexts).as(file + ": one Chinese text for each English one").hasSameSizeAs(englishTexts);
    for (int i = 0; i < englishTexts.size(); i++) {
      String en = englishTexts.get(i);
      String zh = chineseTexts.get(i);
      assertThat(en).as(file).isNotBlank().doesNotContainPattern(HAN);
      if (!SAME_IN_CHINESE.contains(en)) {
        assertThat(zh).as("%s: Chinese for '%s'", file, en).containsPattern(HAN);
      } else {
        assertThat(zh).as(file).isEqualTo(en);
      }
    }
  }

  /** A copy of the form with every text people read replaced by a marker; the texts, in order, go to {@code out}. */
  private static JsonNode withoutTexts(JsonNode form, List<String> out) {
    JsonNode copy = form.deepCopy();
    strip(copy, out);
    return copy;
  }

  private static void strip(JsonNode node, List<String> out) {
    for (JsonNode c : node.path("components")) {
      ObjectNode component = (ObjectNode) c;
      for (String field : TEXTS) {
        if (component.has(field)) {
          out.add(component.get(field).asText());
          component.put(field, "<text>");
        }
      }
      for (JsonNode option : component.path("values")) {
        out.add(option.path("label").asText());
        ((ObjectNode) option).put("label", "<text>");
      }
      strip(component, out);
    }
  }

  private static Set<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".form"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}

package io.redress.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Simplified Chinese locales of the Camunda webapps ({@code app/<app>/locales/zh.json}, ours) against the
 * English ones shipped in the Camunda webjar: the same keys, nothing empty, the same placeholders and HTML tags,
 * and text that is really Chinese. Tasklist, Cockpit and Admin pick {@code zh} for any {@code zh-*} browser; the same
 * choice loads AngularJS's Chinese locale data (the date pickers) and Tasklist's Chinese shortcut descriptions. The
 * browser check ({@code .ci/browser/webapp-locale.mjs}) sees them on the page.
 */
class WebappLocalesTest {

  private static final String LOCALES = "META-INF/resources/webjars/camunda/app/%s/locales/%s.json";

  /** English values that stay as they are in Chinese: product names, acronyms, symbols. */
  private static final Set<String> KEPT_AS_IS = Set.of(
      "Camunda", "Optimize", "ID", "JSON", "CSV", "XML", "BPMN", "CMMN", "DMN",
      "<", "<=", ">", ">=", "<null>", "null",
      // a date pattern shown as the input's placeholder: the format itself, the same in every language
      "YYYY-MM-DDTHH:mm:ss");

  private static final Pattern CJK = Pattern.compile("[\\p{IsHan}]");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}|%[sd]");
  private static final Pattern HTML_TAG =
      Pattern.compile("</?(?:a|b|br|code|div|em|i|li|p|span|strong|ul)\\b[^>]*>");
  private static final Pattern LETTER_OUTSIDE_PLACEHOLDERS = Pattern.compile("[A-Za-z]");

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "admin", "welcome"})
  void chineseLocaleTranslatesEveryEnglishKey(String app) throws IOException {
    checkChineseAgainstEnglish(app);
  }

  @Test
  void cockpitChineseLocaleTranslatesEveryEnglishKey() throws IOException {
    checkChineseAgainstEnglish("cockpit");
  }

  private static void checkChineseAgainstEnglish(String app) throws IOException {
    Map<String, JsonNode> english = flatten(readEnglishFromWebjar(app));
    Map<String, JsonNode> chinese = flatten(readOurs(app, "zh"));

    assertThat(english).as("%s en.json keys", app).hasSizeGreaterThan(100);

    List<String> problems = new ArrayList<>();
    Set<String> extra = new TreeSet<>(chinese.keySet());
    extra.removeAll(english.keySet());
    extra.forEach(key -> problems.add(key + ": not a key of the 7.24 en.json"));
    int labels = 0;
    int labelsInChinese = 0;
    for (Map.Entry<String, JsonNode> entry : english.entrySet()) {
      String key = entry.getKey();
      JsonNode en = entry.getValue();
      JsonNode zh = chinese.get(key);
      if (zh == null) {
        problems.add(key + ": missing (English: \"" + en.asText() + "\")");
        continue;
      }
      if (en.isNumber()) {
        if (!zh.isNumber() || zh.intValue() != en.intValue()) {
          problems.add(key + ": expected the number " + en + " but was " + zh);
        }
        continue;
      }
      if (!zh.isTextual() || zh.asText().isBlank()) {
        problems.add(key + ": empty or not text: " + zh);
        continue;
      }
      String enText = en.asText();
      String zhText = zh.asText();
      if (!placeholders(enText).equals(placeholders(zhText))) {
        problems.add(key + ": placeholders " + placeholders(zhText) + " instead of " + placeholders(enText));
      }
      if (!htmlTags(enText).equals(htmlTags(zhText))) {
        problems.add(key + ": HTML tags " + htmlTags(zhText) + " instead of " + htmlTags(enText));
      }
      boolean inChinese = CJK.matcher(zhText).find();
      if (key.startsWith("labels.")) {
        labels++;
        if (inChinese) {
          labelsInChinese++;
        } else if (zhText.equals(enText) && !keptAsIs(enText)) {
          problems.add(key + ": left in English: \"" + enText + "\"");
        }
      } else if (isDateName(key) && !inChinese) {
        problems.add(key + ": month and weekday names must be Chinese, was \"" + zhText + "\"");
      }
    }
    assertThat(problems).as("%s zh.json", app).isEmpty();
    assertThat(labelsInChinese).as("%s zh.json labels written in Chinese (of %d)", app, labels)
        .isGreaterThanOrEqualTo((int) Math.ceil(labels * 0.9));
  }

  /**
   * The date pickers' month and day names are AngularJS's {@code $locale}: Chinese from the angular-i18n WebJar,
   * which each webapp's config.js loads for a Chinese browser, by the path Spring Boot serves WebJars at.
   */
  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin"})
  void aChineseBrowserGetsAngularsChineseLocaleData(String app) throws IOException {
    List<URL> data = Collections.list(classLoader().getResources("META-INF/resources/webjars/angular-i18n/"
        + angularI18nVersion() + "/angular-locale_zh-cn.js"));
    assertThat(data).as("angular-locale_zh-cn.js of the angular-i18n WebJar").hasSize(1);
    try (InputStream in = data.get(0).openStream()) {
      String script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      // 周一 (Monday, short), 一月 (January), as AngularJS writes them
      assertThat(script).contains("angular.module(\"ngLocale\"", "\"id\": \"zh-cn\"", "\\u5468\\u4e00",
          "\\u4e00\\u6708");
    }
    String config = readOursText("META-INF/resources/webjars/camunda/app/" + app + "/scripts/config.js");
    assertThat(config).contains("'/webjars/angular-i18n/angular-locale_zh-cn'",
        ".concat(chinese ? ['angular-locale-zh-cn'] : [])", "'angular-locale-zh-cn': angularLocale",
        "const chinese = browserLanguage.split('-')[0].toLowerCase() === 'zh';");
  }

  /** Tasklist shows the shortcuts' descriptions as config.js words them: Chinese beside each English one of 7.24. */
  @Test
  void tasklistDescribesEveryShortcutInChineseAndEnglish() throws IOException {
    String webjar;
    String path = "META-INF/resources/webjars/camunda/app/tasklist/scripts/config.js";
    URL shipped = Collections.list(classLoader().getResources(path)).stream()
        .filter(url -> url.getProtocol().equals("jar")).findFirst().orElseThrow();
    try (InputStream in = shipped.openStream()) {
      webjar = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    Matcher english = Pattern.compile("description: '([^']+)'").matcher(webjar);
    Map<String, String> ours = new LinkedHashMap<>();
    Matcher both = Pattern.compile("description: chinese \\? '([^']+)' : '([^']+)'").matcher(readOursText(path));
    while (both.find()) {
      ours.put(both.group(2), both.group(1));
    }
    List<String> described = new ArrayList<>();
    while (english.find()) {
      described.add(english.group(1));
    }
    assertThat(described).hasSize(5);
    assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(described);
    ours.values().forEach(chinese -> assertThat(chinese).containsPattern(CJK).doesNotContainPattern("[A-Za-z]"));
  }

  private static String angularI18nVersion() throws IOException {
    Properties pom = new Properties();
    try (InputStream in = classLoader().getResourceAsStream(
        "META-INF/maven/org.webjars.npm/angular-i18n/pom.properties")) {
      assertThat(in).as("the angular-i18n WebJar on the classpath").isNotNull();
      pom.load(in);
    }
    return pom.getProperty("version");
  }

  private static String readOursText(String path) throws IOException {
    List<URL> ours = Collections.list(classLoader().getResources(path)).stream()
        .filter(url -> url.getProtocol().equals("file"))
        .toList();
    assertThat(ours).as("%s must exist in the project's resources", path).hasSize(1);
    try (InputStream in = ours.get(0).openStream()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static boolean keptAsIs(String english) {
    String withoutPlaceholders = PLACEHOLDER.matcher(english).replaceAll("");
    return KEPT_AS_IS.contains(english.strip())
        || !LETTER_OUTSIDE_PLACEHOLDERS.matcher(withoutPlaceholders).find();
  }

  private static boolean isDateName(String key) {
    return key.matches("dateLocales\\.(months|monthsShort|weekdays|weekdaysShort|weekdaysMin)\\[\\d+]");
  }

  private static Set<String> placeholders(String text) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1) != null ? "{{" + matcher.group(1) + "}}" : matcher.group());
    }
    return found;
  }

  private static List<String> htmlTags(String text) {
    List<String> found = new ArrayList<>();
    Matcher matcher = HTML_TAG.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group());
    }
    Collections.sort(found);
    return found;
  }

  /** en.json only from the Camunda webjar, never from a file of ours that might shadow it. */
  private static JsonNode readEnglishFromWebjar(String app) throws IOException {
    String path = LOCALES.formatted(app, "en");
    List<URL> inJars = Collections.list(classLoader().getResources(path)).stream()
        .filter(url -> url.getProtocol().equals("jar"))
        .toList();
    assertThat(inJars).as("%s in exactly one jar on the classpath (the Camunda webjar)", path).hasSize(1);
    try (InputStream in = inJars.get(0).openStream()) {
      return JSON.readTree(in); // Jackson skips the webjar's UTF-8 byte order mark
    }
  }

  private static JsonNode readOurs(String app, String locale) throws IOException {
    String path = LOCALES.formatted(app, locale);
    List<URL> ours = Collections.list(classLoader().getResources(path)).stream()
        .filter(url -> url.getProtocol().equals("file"))
        .toList();
    assertThat(ours).as("%s must exist in the project's resources", path).hasSize(1);
    try (InputStream in = ours.get(0).openStream()) {
      byte[] bytes = in.readAllBytes();
      assertThat(bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb)
          .as("%s is UTF-8 without a byte order mark", path).isFalse();
      return JSON.readTree(bytes);
    }
  }

  private static ClassLoader classLoader() {
    return WebappLocalesTest.class.getClassLoader();
  }

  private static Map<String, JsonNode> flatten(JsonNode root) {
    Map<String, JsonNode> flat = new LinkedHashMap<>();
    flatten("", root, flat);
    return flat;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> flat) {
    if (node.isObject()) {
      node.fields().forEachRemaining(field ->
          flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), flat));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + "[" + i + "]", node.get(i), flat);
      }
    } else {
      flat.put(prefix, node);
    }
  }
}

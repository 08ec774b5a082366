package io.redress.notification;

import io.redress.language.WorkingLanguage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of every template of {@link Templates}, from {@code notifications/templates.properties} (UTF-8; the file
 * says how a template is written). A message is in the centre's working language ({@link WorkingLanguage},
 * {@code redress.locale}): Chinese or English, after a salutation in that language; placeholders
 * {@code {name}} are filled with the caller's values <b>literally</b>: a value is never read as a template or an
 * expression, so {@code {x}} or {@code ${...}} in a value stays as written.
 */
public final class MessageTemplates {

  /** A value added at the very end of any message, as written (the "Notify customer" task's note). */
  public static final String NOTE = "note";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
  private static final String RESOURCE = "notifications/templates.properties";

  /** One template as the file defines it. */
  public record Template(String name, boolean toCustomer, String label, String subjectZh, String subjectEn,
      String zh, String en, Map<String, String> zhIf, Map<String, String> enIf, List<String> appends) {
  }

  /** A rendered message: the e-mail subject and the text. */
  public record Rendered(String subject, String text) {
  }

  private static final Map<String, Template> TEMPLATES = load();

  private MessageTemplates() {
  }

  /** Every template, in the order of the file. */
  public static Map<String, Template> all() {
    return TEMPLATES;
  }

  public static Template get(String template) {
    Template t = TEMPLATES.get(template);
    if (t == null) {
      throw new IllegalArgumentException("Unknown message template '" + template + "' (known: "
          + String.join(", ", TEMPLATES.keySet()) + ")");
    }
    return t;
  }

  /**
   * The message of {@code template} for complaint {@code number}, in the centre's working language
   * ({@code redress.locale}): its salutation, text and subject in that language only.
   *
   * @param name the customer's name for the salutation; {@code null} for a neutral one (no name, erased, staff)
   * @throws IllegalArgumentException for an unknown template, or a value the template's text needs and did not get
   */
  public static Rendered render(String template, String number, String name, Map<String, String> values,
      WorkingLanguage language) {
    Template t = get(template);
    Map<String, String> v = new HashMap<>();
    if (values != null) {
      values.forEach((key, value) -> {
        if (value != null && !value.isBlank()) {
          v.put(key, value);
        }
      });
    }
    if (number != null) {
      v.put("number", number);
    }
    String who = name == null || name.isBlank() ? null : name.strip();
    if (who != null) {
      v.put("name", who);
    }
    boolean chinese = language == WorkingLanguage.ZH_CN;
    StringBuilder text = new StringBuilder();
    if (chinese) {
      text.append(t.toCustomer() && who != null ? who + ",您好!" : "您好!").append(fill(t, t.zh(), v));
      t.zhIf().forEach((value, sentence) -> {
        if (v.containsKey(value)) {
          text.append(fill(t, sentence, v));
        }
      });
    } else {
      text.append(t.toCustomer() ? (who == null ? "Dear customer," : "Dear " + who + ",") : "Hello,").append('\n')
          .append(fill(t, t.en(), v));
      t.enIf().forEach((value, sentence) -> {
        if (v.containsKey(value)) {
          text.append(' ').append(fill(t, sentence, v));
        }
      });
    }
    for (String appended : t.appends()) {
      if (!v.containsKey(appended)) {
        throw new IllegalArgumentException("Message template '" + template + "' needs the value '" + appended + "'");
      }
      text.append("\n\n").append(v.get(appended));
    }
    if (v.containsKey(NOTE)) {
      text.append("\n\n").append(v.get(NOTE));
    }
    String subject = fill(t, chinese ? t.subjectZh() : t.subjectEn(), v).replaceAll("[\\r\\n\\t]+", " ");
    return new Rendered(subject, text.toString());
  }

  /** Replaces each {@code {placeholder}} of the template's own text once; what is put in is never looked at again. */
  private static String fill(Template t, String text, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("Message template '" + t.name() + "' needs the value '" + m.group(1) + "'");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Map<String, Template> load() {
    Properties p = new Properties();
    List<String> order = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    try (InputStream in = MessageTemplates.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("No " + RESOURCE + " on the classpath");
      }
      // keeps the order of the file
      new Properties() {
        @Override
        public synchronized Object put(Object key, Object value) {
          String k = key.toString();
          keys.add(k);
          if (k.endsWith(".recipient")) {
            order.add(k.substring(0, k.length() - ".recipient".length()));
          }
          return p.put(key, value);
        }
      }.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Template> templates = new LinkedHashMap<>();
    for (String name : order) {
      String recipient = p.getProperty(name + ".recipient");
      if (!"customer".equals(recipient) && !"staff".equals(recipient)) {
        throw new IllegalStateException(RESOURCE + ": " + name + ".recipient must be customer or staff");
      }
      Map<String, String> zhIf = new LinkedHashMap<>();
      Map<String, String> enIf = new LinkedHashMap<>();
      keys.forEach(key -> {
        if (key.startsWith(name + ".zh.if.")) {
          zhIf.put(key.substring((name + ".zh.if.").length()), p.getProperty(key));
        } else if (key.startsWith(name + ".en.if.")) {
          enIf.put(key.substring((name + ".en.if.").length()), p.getProperty(key));
        }
      });
      String appends = p.getProperty(name + ".appends", "");
      templates.put(name, new Template(name, "customer".equals(recipient), required(p, name + ".label"),
          required(p, name + ".subject.zh"), required(p, name + ".subject.en"), required(p, name + ".zh"),
          required(p, name + ".en"), java.util.Collections.unmodifiableMap(zhIf),
          java.util.Collections.unmodifiableMap(enIf),
          appends.isBlank() ? List.of() : Arrays.stream(appends.split(",")).map(String::strip).toList()));
    }
    return java.util.Collections.unmodifiableMap(templates);
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(RESOURCE + ": " + key + " is missing");
    }
    return value.strip();
  }
}

package io.redress.workflow;

import io.redress.language.WorkingLanguage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * The texts the models show people in the working language ({@code redress.locale}) that the models themselves do
 * not carry: the task names of {@code zh-CN} (the BPMN names are English) and the words of the case timeline (the
 * forms' and the complaint API's) and deadlines. From {@code language/<tag>.properties} (UTF-8); a key missing there falls back to {@code en}.
 */
@Component
public class ModelTexts {

  /**
   * The task's name as its model gives it (English), kept beside its key on the timeline: the working language's
   * name is looked up when the timeline is read ({@link #taskName}).
   */
  public static String modelName(org.camunda.bpm.engine.delegate.DelegateTask task) {
    var element = task.getBpmnModelElementInstance();
    return element != null && element.getName() != null ? element.getName() : task.getName();
  }


  private final WorkingLanguage language;
  private final Properties texts;
  private final Properties english;

  public ModelTexts(WorkingLanguage language) {
    this.language = language;
    this.english = load(WorkingLanguage.EN);
    this.texts = language == WorkingLanguage.EN ? english : load(language);
  }

  public WorkingLanguage language() {
    return language;
  }

  /** The name of a user task in the working language, when it differs from the model's (English) name. */
  public Optional<String> taskName(String taskDefinitionKey) {
    return Optional.ofNullable(texts.getProperty("task." + taskDefinitionKey)).map(String::strip)
        .filter(s -> !s.isEmpty());
  }

  /** The name of a process in the working language, when it differs from the model's (English) name. */
  public Optional<String> processName(String processDefinitionKey) {
    return Optional.ofNullable(texts.getProperty("process." + processDefinitionKey)).map(String::strip)
        .filter(s -> !s.isEmpty());
  }

  /** The text of {@code key}, or {@code fallback} where neither the working language nor English has it. */
  public String text(String key, String fallback) {
    String value = texts.getProperty(key, english.getProperty(key));
    return value == null ? fallback : value.strip();
  }

  /**
   * The text of {@code key} as written, its leading blanks kept where the file escapes them ({@code \ }), or
   * {@code null} where neither the working language nor English has it: the parts of a timeline entry's words.
   */
  public String phrase(String key) {
    String value = texts.getProperty(key, english.getProperty(key));
    return value == null ? null : value.stripTrailing();
  }

  /** The text of {@code key} with its {@code {0}} replaced by {@code value} as written (never read as a pattern). */
  public String text(String key, String fallback, Object value) {
    return text(key, fallback).replace("{0}", String.valueOf(value));
  }

  private static Properties load(WorkingLanguage language) {
    String resource = "language/" + language.tag() + ".properties";
    Properties p = new Properties();
    try (InputStream in = ModelTexts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("No " + resource + " on the classpath");
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}

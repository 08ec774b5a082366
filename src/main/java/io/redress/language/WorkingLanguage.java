package io.redress.language;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The centre's working language, {@code redress.locale} ({@code zh-CN} or {@code en}, default {@code en}): the
 * language the models speak to people, that is the task names in Tasklist, the forms deployed, the texts of the
 * forms' case timeline and the notifications. The webapps' own texts follow the browser instead.
 */
public enum WorkingLanguage {

  ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE),
  EN("en", Locale.ENGLISH);

  /** The property that chooses it. */
  public static final String PROPERTY = "redress.locale";
  /** The output of a decision table that names a row in English, and in any language whose own output is empty. */
  public static final String LABEL_OUTPUT = "label";

  private final String tag;
  private final Locale locale;

  WorkingLanguage(String tag, Locale locale) {
    this.tag = tag;
    this.locale = locale;
  }

  /** The language tag as configured: {@code zh-CN} or {@code en}. */
  public String tag() {
    return tag;
  }

  public Locale locale() {
    return locale;
  }

  /**
   * The output of a decision table that names a row in this language ({@code label}, {@code labelZh}), as the
   * shipped tables with names for people have them (root-cause-category); where a row leaves it empty,
   * {@link #LABEL_OUTPUT} names it.
   */
  public String labelOutput() {
    return this == ZH_CN ? "labelZh" : LABEL_OUTPUT;
  }

  /**
   * The working language of a {@code redress.locale} value; blank means {@code en}. The tag is matched without regard
   * to case or {@code -}/{@code _} ({@code zh_CN}, {@code zh-cn}).
   *
   * @throws IllegalArgumentException for any other value, naming the property and the accepted values
   */
  public static WorkingLanguage of(String value) {
    if (value == null || value.isBlank()) {
      return EN;
    }
    String normal = value.strip().replace('_', '-');
    for (WorkingLanguage language : values()) {
      if (language.tag.equalsIgnoreCase(normal)) {
        return language;
      }
    }
    throw new IllegalArgumentException(PROPERTY + " must be one of "
        + Arrays.stream(values()).map(WorkingLanguage::tag).collect(Collectors.joining(", ")) + ", not '" + value
        + "'");
  }
}

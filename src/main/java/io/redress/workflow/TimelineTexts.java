package io.redress.workflow;

import io.redress.casefile.TimelineFacts;
import io.redress.casefile.TimelineWording;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A timeline entry's facts in words of the working language, from {@code language/<tag>.properties}:
 * <ul>
 *   <li>{@code say.<key>} is the wording; {@code {name}} stands for the value {@code name};</li>
 *   <li>{@code {?name}} for a part said only when the entry has the value {@code name}: the text {@code
 *   <wording's key>.<name>}, or the same name one level up ({@code say.task-created.groups.dueAt}, then
 *   {@code say.task-created.dueAt}, then {@code say.dueAt});</li>
 *   <li>a value is shown as {@code value.<name>.<value>} says ({@code value.channel.phone = 电话}), else as it is;
 *   {@code task} by the task's name in the working language, {@code deadline} by the deadline's; a value whose name
 *   ends in {@code At} is an instant, shown in the centre's time zone ({@code 2026-11-24 15:00 Asia/Shanghai}).</li>
 * </ul>
 * The values are inserted literally, never read as a pattern.
 */
@Component
class TimelineTexts implements TimelineWording {

  private static final Pattern PLACE = Pattern.compile("\\{(\\??)([A-Za-z][A-Za-z0-9]*)}");
  private static final int MAX_DEPTH = 3;

  private final ModelTexts texts;
  private final ZoneId zone;
  private final DateTimeFormatter format;

  TimelineTexts(ModelTexts texts, @Value("${redress.calendar.zone:Asia/Shanghai}") String zone) {
    this.texts = texts;
    this.zone = ZoneId.of(zone);
    this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(this.zone);
  }

  @Override
  public String words(TimelineFacts facts) {
    String key = "say." + facts.say();
    String wording = texts.phrase(key);
    return wording == null ? null : fill(wording, key, facts, 0);
  }

  private String fill(String wording, String key, TimelineFacts facts, int depth) {
    Matcher m = PLACE.matcher(wording);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(2);
      String part;
      if (m.group(1).isEmpty()) {
        part = value(name, facts);
      } else if (facts.facts().containsKey(name) && depth < MAX_DEPTH) {
        String partKey = partKey(key, name);
        part = partKey == null ? "" : fill(texts.phrase(partKey), partKey, facts, depth + 1);
      } else {
        part = "";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(part));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code <key>.<name>}, or the nearest one up that the texts have. */
  private String partKey(String key, String name) {
    for (String at = key; ; at = at.substring(0, at.lastIndexOf('.'))) {
      if (texts.phrase(at + "." + name) != null) {
        return at + "." + name;
      }
      if (!at.contains(".")) {
        return null;
      }
    }
  }

  private String value(String name, TimelineFacts facts) {
    String value = facts.facts().get(name);
    if (value == null) {
      return "";
    }
    if (name.endsWith("At")) {
      try {
        return format.format(Instant.parse(value)) + " " + zone.getId();
      } catch (DateTimeParseException e) {
        return value;
      }
    }
    return switch (name) {
      case "task" -> texts.taskName(value).orElse(facts.facts().getOrDefault("taskName", value));
      case "deadline" -> texts.text("deadline." + value, facts.facts().getOrDefault("deadlineName", value));
      default -> texts.text("value." + name + "." + value, value);
    };
  }
}

package io.redress.casefile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a timeline entry says, kept as facts and not as a sentence: the key of its wording ({@code say}, a
 * {@code say.<key>} text of {@code language/<tag>.properties}) and the values the wording names. They are put into
 * words each time the timeline is read, in the working language of that moment ({@link TimelineWording}), so a centre
 * that changes {@code redress.locale} reads its whole history in the new language.
 *
 * <p>Kept in the entry's {@code detail} column as a small JSON object, {@code {"say":"task-created","task":
 * "classifyComplaint",...}}; a detail that is not such an object (the words a model gives the "Record timeline event"
 * template, entries written before) is shown as it stands. Values are plain text: codes ({@code phone}, {@code
 * very_satisfied}), user and group ids, numbers; an instant under a name ending in {@code At}. Never personal data.
 */
public record TimelineFacts(String say, Map<String, String> facts) {

  /** A value is cut to this length: the whole entry fits the column. */
  static final int VALUE_MAX = 300;

  private static final String START = "{\"say\":";
  private static final ObjectMapper JSON = new ObjectMapper();

  public TimelineFacts {
    if (say == null || say.isBlank()) {
      throw new IllegalArgumentException("say is required");
    }
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  /** An entry worded by {@code say.<key>}, with no values yet. */
  public static TimelineFacts say(String key) {
    return new TimelineFacts(key, Map.of());
  }

  /** These facts and one more; a {@code null} value is left out (the wording's {@code {?name}} part then too). */
  public TimelineFacts with(String name, Object value) {
    if (value == null) {
      return this;
    }
    if (value instanceof Instant && !name.endsWith("At")) {
      throw new IllegalArgumentException("An instant's name ends in 'At': " + name);
    }
    String text = value.toString();
    Map<String, String> more = new LinkedHashMap<>(facts);
    more.put(name, text.length() > VALUE_MAX ? text.substring(0, VALUE_MAX) : text);
    return new TimelineFacts(say, more);
  }

  /** These facts and the flag {@code name} when {@code condition} holds (it switches on a {@code {?name}} part). */
  public TimelineFacts when(boolean condition, String name) {
    return condition ? with(name, "true") : this;
  }

  /** The text kept in the {@code detail} column. */
  String encode() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("say", say);
    facts.forEach((name, value) -> {
      if (!name.equals("say")) {
        all.put(name, value);
      }
    });
    try {
      return JSON.writeValueAsString(all);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The facts a {@code detail} holds, or nothing when it holds words (or is empty). */
  static Optional<TimelineFacts> decode(String detail) {
    if (detail == null || !detail.startsWith(START)) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(detail);
      if (!node.isObject() || !node.path("say").isTextual()) {
        return Optional.empty();
      }
      Map<String, String> facts = new LinkedHashMap<>();
      for (var it = node.fields(); it.hasNext(); ) {
        var field = it.next();
        if (!field.getKey().equals("say")) {
          if (!field.getValue().isValueNode()) {
            return Optional.empty();
          }
          facts.put(field.getKey(), field.getValue().asText());
        }
      }
      return Optional.of(new TimelineFacts(node.get("say").asText(), facts));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}

package io.redress.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The writable fields of deployed Camunda forms (not disabled, not read-only, no buttons), remembered per process
 * definition and task key: a task is completed, and a complaint started from Tasklist, with its form's fields and
 * nothing else.
 */
final class FormFields {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Set<String>> fields = new ConcurrentHashMap<>();

  /** The writable fields of the form under this key (process definition id and task key), read once. */
  Set<String> of(String key, Supplier<InputStream> form) {
    return fields.computeIfAbsent(key, k -> writable(form));
  }

  /** Why these variables may not be sent with this form, or null. */
  static String notInForm(Collection<String> variables, Set<String> fields, String form) {
    List<String> extra = variables.stream().filter(v -> !fields.contains(v)).sorted().toList();
    return extra.isEmpty() ? null : "Not a field you can fill in on " + form + ": " + String.join(", ", extra)
        + ". A task is completed with its form's fields and nothing else.";
  }

  /** The names of the variables in a request body ({@code {"variables": {...}}}). */
  static Collection<String> variables(JsonNode body) {
    if (body == null || !body.has("variables") || !body.get("variables").isObject()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    body.get("variables").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The keys of a deployed Camunda form's fields that the user fills in (not disabled, not read-only). */
  static Set<String> writable(Supplier<InputStream> form) {
    try (InputStream in = form.get()) {
      Set<String> keys = new HashSet<>();
      collect(JSON.readTree(in), keys);
      return Set.copyOf(keys);
    } catch (RuntimeException | IOException e) {
      return Set.of(); // no deployed form: nothing to fill in
    }
  }

  private static void collect(JsonNode node, Set<String> keys) {
    if (node == null) {
      return;
    }
    if (node.hasNonNull("key") && !node.path("disabled").asBoolean(false) && !node.path("readonly").asBoolean(false)
        && !"button".equals(node.path("type").asText())) {
      keys.add(node.get("key").asText());
    }
    for (JsonNode child : node.path("components")) {
      collect(child, keys);
    }
  }
}

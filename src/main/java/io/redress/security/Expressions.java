package io.redress.security;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Expressions in requests: any parameter or JSON field whose name ends with {@code Expression} (at any depth, so
 * also inside {@code orQueries}), and any {@code ${...}} or {@code #{...}} in a query's parameters or body. The
 * guard refuses them with 400 before the engine sees them; the shared Tasklist filters keep their expressions
 * (the server stores them, {@code IdentitySetup}; nobody sends them).
 */
final class Expressions {

  private Expressions() {
  }

  /** The first query parameter or JSON field that would carry an expression, or null. */
  static String in(HttpServletRequest request, JsonNode body, boolean query) {
    String queryString = request.getQueryString();
    if (queryString != null) {
      for (String pair : queryString.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (name.toLowerCase(Locale.ROOT).endsWith("expression") || isExpression(value) || isExpression(name)) {
          return name;
        }
      }
    }
    return body == null ? null : in(body, "", query);
  }

  static boolean isExpression(String value) {
    return value != null && (value.contains("${") || value.contains("#{"));
  }

  static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static String in(JsonNode node, String path, boolean query) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (field.getKey().toLowerCase(Locale.ROOT).endsWith("expression") && !field.getValue().isNull()) {
          return name;
        }
        String found = in(field.getValue(), name, query);
        if (found != null) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = in(node.get(i), path + "[" + i + "]", query);
        if (found != null) {
          return found;
        }
      }
    } else if (query && node.isTextual() && isExpression(node.asText())) {
      return path;
    }
    return null;
  }
}

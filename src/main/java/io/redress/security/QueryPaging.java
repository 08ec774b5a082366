package io.redress.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Query pages: a query without {@code maxResults} answers its first {@code queryMaxResultsLimit} rows (the engine
 * would refuse it altogether, and Cockpit asks for its process definitions so); the webapps ({@code /camunda/api})
 * get larger pages shrunk to that limit (Tasklist reads its filters, Cockpit a process's job definitions 2,000 at a
 * time), while {@code /engine-rest} clients asking for more get the engine's 400.
 */
final class QueryPaging {

  /** The engine's queries: the path after the engine's root. */
  static final Pattern QUERY = Pattern.compile("^(?:/history)?/(?:task|process-instance|execution|"
      + "variable-instance|case-instance|case-execution|job|incident|process-definition|decision-definition|"
      + "deployment|external-task|authorization|user|group|tenant|batch|identity-link|activity-instance|detail|"
      + "decision-instance|user-operation|filter|job-log|external-task-log|process-instance-modification)"
      + "(?:/count|/report)?$|^/filter/[^/]+(?:/list|/count|/singleResult)?$");

  private final int limit;

  QueryPaging(int queryMaxResultsLimit) {
    this.limit = queryMaxResultsLimit;
  }

  /** The request as the engine should see it: with its page set where needed. */
  HttpServletRequest page(HttpServletRequest request, String method, String path, String rest) {
    boolean webapps = path.startsWith("/camunda/api/");
    boolean pluginQuery = webapps && path.contains("/plugin/");
    Integer asked = maxResults(request.getQueryString());
    if (asked != null && asked > limit && webapps) {
      return new Page(request, limit);
    }
    if (asked == null && (QUERY.matcher(rest).matches() || pluginQuery) && !rest.endsWith("/count")
        && ("GET".equals(method) || "POST".equals(method))) {
      return new Page(request, limit);
    }
    return request;
  }

  /** The value of maxResults in a query string, null when absent or not a number. */
  static Integer maxResults(String queryString) {
    if (queryString == null) {
      return null;
    }
    Integer found = null;
    for (String pair : queryString.split("&")) {
      if (pair.startsWith("maxResults=")) {
        try {
          found = Integer.valueOf(Expressions.decode(pair.substring("maxResults=".length())).trim());
        } catch (NumberFormatException e) {
          return null; // the engine answers what it makes of it
        }
      }
    }
    return found;
  }

  /** The request with maxResults set to a page size (and firstResult to 0 when absent). */
  private static final class Page extends HttpServletRequestWrapper {
    private final String queryString;
    private final Map<String, String[]> parameters;

    Page(HttpServletRequest request, int size) {
      super(request);
      String q = request.getQueryString();
      StringBuilder kept = new StringBuilder();
      if (q != null) {
        for (String pair : q.split("&")) {
          if (!pair.isEmpty() && !pair.startsWith("maxResults=")) {
            kept.append(kept.length() == 0 ? "" : "&").append(pair);
          }
        }
      }
      String page = "maxResults=" + size + (q != null && q.contains("firstResult=") ? "" : "&firstResult=0");
      this.queryString = kept.length() == 0 ? page : kept + "&" + page;
      Map<String, String[]> map = new LinkedHashMap<>(request.getParameterMap());
      map.put("maxResults", new String[] {String.valueOf(size)});
      map.putIfAbsent("firstResult", new String[] {"0"});
      this.parameters = Collections.unmodifiableMap(map);
    }

    @Override
    public String getQueryString() {
      return queryString;
    }

    @Override
    public String getParameter(String name) {
      String[] v = parameters.get(name);
      return v == null || v.length == 0 ? null : v[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return parameters;
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
      return parameters.get(name);
    }
  }
}

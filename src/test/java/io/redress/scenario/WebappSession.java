package io.redress.scenario;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A browser's session of the Camunda webapps as HTTP sees it: the login, the cookie and the XSRF token. */
final class WebappSession {

  private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  private final int port;
  private String token;

  private WebappSession(int port) {
    this.port = port;
  }

  /** Logs the user in to the app ({@code tasklist}, {@code cockpit}, {@code admin}) as the webapps do. */
  static WebappSession login(int port, String user, String app) throws Exception {
    WebappSession s = new WebappSession(port);
    HttpResponse<String> fetch = s.client.send(HttpRequest.newBuilder(s.uri("/camunda/api/admin/auth/user/default"))
        .header("X-XSRF-TOKEN", "Fetch").GET().build(), HttpResponse.BodyHandlers.ofString());
    s.token = fetch.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    HttpResponse<String> login = s.client.send(HttpRequest.newBuilder(
            s.uri("/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", s.token)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (login.statusCode() != 200) {
      throw new AssertionError(user + " could not log in to " + app + ": " + login.statusCode());
    }
    // the login opens a new session with a new token, which the webapps fetch again
    s.token = s.client.send(HttpRequest.newBuilder(s.uri("/camunda/api/admin/auth/user/default"))
        .header("X-XSRF-TOKEN", "Fetch").GET().build(), HttpResponse.BodyHandlers.ofString())
        .headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    return s;
  }

  /** A request with the session and its XSRF token; {@code path} below {@code /camunda/api/engine/engine/default}. */
  HttpResponse<String> engine(String method, String path, Object body) throws Exception {
    return send(method, "/camunda/api/engine/engine/default" + path, body);
  }

  HttpResponse<String> send(String method, String path, Object body) throws Exception {
    return send(method, path, body, true);
  }

  /** A request with the session, with or without its XSRF token. */
  HttpResponse<String> send(String method, String path, Object body, boolean withToken) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json");
    if (withToken) {
      b.header("X-XSRF-TOKEN", token);
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)));
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}

package io.redress.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * One user's HTTP access to the node: HTTP Basic on every request (how API clients call the complaint API and
 * {@code /engine-rest}), or the session of the Camunda webapps (how Tasklist calls; a change carries the CSRF token).
 */
final class Client {

  static final ObjectMapper JSON = new ObjectMapper();

  final BenchNode node;
  final String user;
  final boolean session;
  private final HttpClient http;
  private String csrf;

  private Client(BenchNode node, String user, boolean session) {
    this.node = node;
    this.user = user;
    this.session = session;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .version(HttpClient.Version.HTTP_1_1);
    if (session) {
      b.cookieHandler(new CookieManager());
    }
    this.http = b.build();
  }

  static Client basic(BenchNode node, String user) {
    return new Client(node, user, false);
  }

  /** Logs in to Tasklist as the webapps do: fetch the CSRF token, log in, fetch the token of the new session. */
  static Client session(BenchNode node, String user) throws Exception {
    Client c = new Client(node, user, true);
    String token = c.fetchToken();
    HttpResponse<String> login = c.http.send(HttpRequest.newBuilder(
            node.uri("/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (login.statusCode() != 200) {
      throw new IllegalStateException("login " + user + ": " + login.statusCode() + " " + login.body());
    }
    c.csrf = c.fetchToken();
    return c;
  }

  private String fetchToken() throws Exception {
    HttpResponse<String> fetch = http.send(HttpRequest.newBuilder(node.uri("/camunda/api/admin/auth/user/default"))
        .header("X-XSRF-TOKEN", "Fetch").GET().build(), HttpResponse.BodyHandlers.ofString());
    return fetch.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
  }

  /**
   * Engine REST path ({@code /task/...}) as this client reaches it: {@code /engine-rest} with Basic, the webapps'
   * engine API with the session.
   */
  String engine(String path) {
    return (session ? "/camunda/api/engine/engine/default" : "/engine-rest") + path;
  }

  HttpResponse<String> send(String method, String path, Object body) throws IOException, InterruptedException {
    HttpRequest.Builder r = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(120))
        .header("Accept", "application/json");
    if (session) {
      r.header("X-XSRF-TOKEN", csrf);
    } else {
      r.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
    if (body == null) {
      r.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      r.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s
              : JSON.writeValueAsString(body)));
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends and fails unless the status is the expected one. */
  HttpResponse<String> expect(int status, String method, String path, Object body) throws Exception {
    HttpResponse<String> r = send(method, path, body);
    if (r.statusCode() != status) {
      throw new IllegalStateException(method + " " + path + " as " + user + (session ? " (session)" : "")
          + ": " + r.statusCode() + " " + r.body());
    }
    return r;
  }

  /** Multipart POST with HTTP Basic (deployment/create). */
  HttpResponse<String> multipart(String path, String fileName, String content) throws Exception {
    String boundary = "bench" + System.nanoTime();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbench\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deploy-changed-only\"\r\n\r\ntrue\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
    HttpRequest r = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }
}

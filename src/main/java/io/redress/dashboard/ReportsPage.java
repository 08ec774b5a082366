package io.redress.dashboard;

import io.redress.identity.Groups;
import io.redress.language.WorkingLanguage;
import io.redress.security.AuthenticatedUser;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The dashboard page: for supervisors, managers and directors; without a login a 401 that asks for HTTP Basic and
 * points to the webapps' login (whose session the page then uses); anyone else a 403 page. The page's script and
 * styles are static ({@code static/reports/}); its texts come from {@code language/<tag>.properties}
 * ({@code dashboard.*}) through {@code /reports/texts}.
 */
@RestController
class ReportsPage {

  /** Who may open the dashboard: the readers of the reports API. */
  static final Set<String> READERS = Set.of(Groups.SUPERVISORS, Groups.MANAGERS, Groups.DIRECTORS);

  /** Scripts and styles from the application only: no inline script, nothing from elsewhere. */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";

  private static final String PREFIX = "dashboard.";

  private final WorkingLanguage language;
  private final Map<String, String> texts;
  private final String page;

  private final ZoneId zone;
  private final Clock clock;

  ReportsPage(WorkingLanguage language, @Value("${redress.calendar.zone:Asia/Shanghai}") String zone, Clock clock) {
    this.language = language;
    this.zone = ZoneId.of(zone);
    this.clock = clock;
    Map<String, String> t = new TreeMap<>(texts(WorkingLanguage.EN));
    t.putAll(texts(language));
    this.texts = Map.copyOf(t);
    this.page = resource("dashboard/reports.html").replace("{{lang}}", language.tag())
        .replace("{{title}}", HtmlUtils.htmlEscape(texts.get("title")));
  }

  @GetMapping(path = "/reports", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(HttpServletRequest request) {
    AuthenticatedUser user = AuthenticatedUser.of(request);
    if (user == null) {
      return html(HttpStatus.UNAUTHORIZED)
          .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Redress\", charset=\"UTF-8\"")
          .body(message("login.title", "login.text"));
    }
    if (user.groups().stream().noneMatch(READERS::contains)) {
      return html(HttpStatus.FORBIDDEN).body(message("forbidden.title", "forbidden.text"));
    }
    return html(HttpStatus.OK).body(page);
  }

  /** The page's texts in the working language, its tag, and today in the centre's zone (the periods' days). */
  @GetMapping(path = "/reports/texts", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> texts() {
    return Map.of("lang", language.tag(), "texts", texts, "today", LocalDate.now(clock.withZone(zone)).toString());
  }

  private static ResponseEntity.BodyBuilder html(HttpStatus status) {
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore()).header("Content-Security-Policy", CSP);
  }

  /** A short page that says why the dashboard is not shown, with a way to log in. */
  private String message(String title, String text) {
    String t = HtmlUtils.htmlEscape(texts.get(title));
    return "<!DOCTYPE html><html lang=\"" + language.tag() + "\"><head><meta charset=\"utf-8\"><title>" + t
        + "</title><link rel=\"stylesheet\" href=\"reports/dashboard.css\"></head><body class=\"refused\"><main><h1>"
        + t + "</h1><p>" + HtmlUtils.htmlEscape(texts.get(text)) + "</p><p><a href=\"camunda/app/tasklist/default/\">"
        + HtmlUtils.htmlEscape(texts.get("login.link")) + "</a></p></main></body></html>";
  }

  private static Map<String, String> texts(WorkingLanguage language) {
    Properties p = new Properties();
    try (InputStream in = ReportsPage.class.getClassLoader()
        .getResourceAsStream("language/" + language.tag() + ".properties")) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> out = new TreeMap<>();
    p.stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX))
        .forEach(k -> out.put(k.substring(PREFIX.length()), p.getProperty(k).strip()));
    return out;
  }

  private static String resource(String name) {
    try (InputStream in = ReportsPage.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.redress.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cases for the upgrade and backup tests, made over HTTP as the demo users make them, and what a database holds of
 * them, read with SQL: the case record, the case's deadlines, the engine's open tasks and armed timers.
 */
final class CaseData {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private CaseData() {
  }

  /**
   * Three cases at different points: waiting for assignment after classification (its assignComplaint task open),
   * claimed by fiona in classification, and just taken in. Each has its deadlines armed.
   */
  static List<String> threeCases(AppNode node, String tag) throws Exception {
    String classified = intake(node, tag + " classified");
    work(node, "fiona", task(node, "fiona", classified, "classifyComplaint"), Map.of("category", "billing",
        "nature", "valid", "severity", "general", "major", false));
    String claimed = intake(node, tag + " claimed");
    HttpResponse<String> claim = send(node, "fiona", "POST", "/engine-rest/task/"
        + task(node, "fiona", claimed, "classifyComplaint") + "/claim", Map.of("userId", "fiona"));
    assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
    String fresh = intake(node, tag + " new");
    return List.of(classified, claimed, fresh);
  }

  /** The application works on the database: the cases are there, a task is done, a complaint is taken in. */
  static void worksOn(AppNode node, List<String> threeCases) throws Exception {
    List<String> stages = new ArrayList<>();
    for (String id : threeCases) {
      HttpResponse<String> r = send(node, "fiona", "GET", "/api/complaints/" + id, null);
      assertThat(r.statusCode()).as(id + ": " + r.body()).isEqualTo(200);
      JsonNode c = JSON.readTree(r.body());
      assertThat(c.path("deadlines").size()).as("deadlines of " + id).isPositive();
      stages.add(c.path("stage").asText());
    }
    // (the third may have met a deadline meanwhile: its stage is not checked)
    assertThat(stages.subList(0, 2)).containsExactly("assignComplaint", "classifyComplaint");
    // the supervisor assigns the classified case; the claimed one is finished by fiona
    work(node, "sam", task(node, "sam", threeCases.get(0), "assignComplaint"), Map.of("handler", "hank"));
    work(node, "fiona", task(node, "fiona", threeCases.get(1), "classifyComplaint"), Map.of("category",
        "billing", "nature", "valid", "severity", "general", "major", false));
    assertThat(task(node, "hank", threeCases.get(0), "investigateComplaint")).isNotBlank();
    assertThat(task(node, "sam", threeCases.get(1), "assignComplaint")).isNotBlank();
    String after = intake(node, "after restart");
    assertThat(after).isNotIn(threeCases);
  }

  static String intake(AppNode node, String description) throws Exception {
    HttpResponse<String> r = send(node, "fiona", "POST", "/api/complaints", complaint(description));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).get("id").asText();
  }

  static Map<String, Object> complaint(String description) {
    return Map.of("customer", Map.of("name", "Backup Test", "phone", "13800000123", "tier", "standard"),
        "channel", "chat", "description", description, "desiredOutcome", "apology", "amountClaimed", 0);
  }

  static String task(AppNode node, String user, String complaint, String key) throws Exception {
    HttpResponse<String> r = send(node, user, "GET", "/engine-rest/task?processInstanceBusinessKey=" + complaint
        + "&taskDefinitionKey=" + key + "&firstResult=0&maxResults=10", null);
    JsonNode tasks = JSON.readTree(r.body());
    assertThat(tasks).as("%s sees %s of %s: %s", user, key, complaint, r.body()).hasSize(1);
    return tasks.get(0).get("id").asText();
  }

  static void work(AppNode node, String user, String task, Map<String, Object> values) throws Exception {
    JsonNode t = JSON.readTree(send(node, user, "GET", "/engine-rest/task/" + task, null).body());
    if (t.get("assignee").isNull()) {
      HttpResponse<String> claim = send(node, user, "POST", "/engine-rest/task/" + task + "/claim",
          Map.of("userId", user));
      assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    HttpResponse<String> done = send(node, user, "POST", "/engine-rest/task/" + task + "/submit-form",
        Map.of("variables", variables));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
  }

  static HttpResponse<String> send(AppNode node, String user, String method, String path, Object body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo")
            .getBytes(StandardCharsets.UTF_8)))
        .header("Accept", "application/json");
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Complaints taken in one after another on the node until stopped: writes while a backup is taken. */
  static final class Load implements AutoCloseable {
    /** The complaints acknowledged with 201, and when the answer came. */
    final Map<String, Instant> acknowledgedAt = new ConcurrentHashMap<>();
    final AtomicInteger failures = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Load(AppNode node) {
      thread = new Thread(() -> {
        for (int i = 0; running.get(); i++) {
          try {
            HttpResponse<String> r = send(node, "fiona", "POST", "/api/complaints", complaint("Load " + i));
            if (r.statusCode() == 201) {
              acknowledgedAt.put(JSON.readTree(r.body()).get("id").asText(), Instant.now());
            } else {
              failures.incrementAndGet();
            }
          } catch (Exception e) {
            failures.incrementAndGet();
          }
        }
      }, "load");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join(120_000);
    }
  }

  /**
   * What the database holds of these cases: the case record, the case's deadlines, the engine's open tasks and its
   * armed jobs (timers) with their due dates, ids included. Equal snapshots: the same cases, tasks and deadlines.
   */
  static Map<String, List<Map<String, String>>> snapshot(Connection c, List<String> complaints) throws SQLException {
    String in = String.join(", ", Collections.nCopies(complaints.size(), "?"));
    Map<String, List<Map<String, String>>> s = new LinkedHashMap<>();
    s.put("complaint", rows(c, "SELECT complaint_number, process_instance_id, status, stage, assignee, due_at, "
        + "category, severity, received_at, description FROM complaint WHERE complaint_number IN (" + in + ") "
        + "ORDER BY complaint_number", complaints));
    s.put("case_deadline", rows(c, "SELECT complaint_number, kind, basis, state, due_at, warn_at, task_id "
        + "FROM case_deadline WHERE complaint_number IN (" + in + ") ORDER BY complaint_number, id", complaints));
    s.put("act_ru_task", rows(c, "SELECT t.id_, t.proc_inst_id_, t.task_def_key_, t.assignee_, t.due_date_ "
        + "FROM act_ru_task t JOIN complaint c ON c.process_instance_id = t.proc_inst_id_ "
        + "WHERE c.complaint_number IN (" + in + ") ORDER BY t.id_", complaints));
    s.put("act_ru_job", rows(c, "SELECT j.id_, j.process_instance_id_, j.type_, j.duedate_, j.handler_type_, "
        + "j.handler_cfg_ FROM act_ru_job j JOIN complaint c ON c.process_instance_id = j.process_instance_id_ "
        + "WHERE c.complaint_number IN (" + in + ") ORDER BY j.id_", complaints));
    assertThat(s.get("complaint")).as("the cases").hasSize(complaints.size());
    for (String table : List.of("case_deadline", "act_ru_task", "act_ru_job")) {
      assertThat(s.get(table)).as(table + " of the cases").hasSizeGreaterThanOrEqualTo(complaints.size());
    }
    return s;
  }

  /**
   * Open cases of the database without what they need: no running process, no open task or no armed timer; and
   * running processes without a case. Empty when the database is consistent.
   */
  static List<String> inconsistencies(Connection c) throws SQLException {
    List<String> wrong = new ArrayList<>();
    for (Map<String, String> row : rows(c, "SELECT complaint_number FROM complaint c WHERE status = 'open' AND ("
        + "NOT EXISTS (SELECT 1 FROM act_ru_execution e WHERE e.id_ = c.process_instance_id) "
        + "OR NOT EXISTS (SELECT 1 FROM act_ru_task t WHERE t.proc_inst_id_ = c.process_instance_id) "
        + "OR NOT EXISTS (SELECT 1 FROM act_ru_job j WHERE j.process_instance_id_ = c.process_instance_id "
        + "AND j.type_ = 'timer'))", List.of())) {
      wrong.add("open case without its process, task or timers: " + row.get("complaint_number"));
    }
    for (Map<String, String> row : rows(c, "SELECT e.business_key_ FROM act_ru_execution e "
        + "WHERE e.id_ = e.proc_inst_id_ AND e.super_exec_ IS NULL AND e.business_key_ IS NOT NULL "
        + "AND NOT EXISTS (SELECT 1 FROM complaint c WHERE c.complaint_number = e.business_key_)", List.of())) {
      wrong.add("process without its case: " + row.get("business_key_"));
    }
    return wrong;
  }

  static int count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getInt(1);
    }
  }

  static List<Map<String, String>> rows(Connection c, String sql, List<String> parameters) throws SQLException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        ps.setString(i + 1, parameters.get(i));
      }
      try (ResultSet r = ps.executeQuery()) {
        ResultSetMetaData m = r.getMetaData();
        while (r.next()) {
          Map<String, String> row = new LinkedHashMap<>();
          for (int i = 1; i <= m.getColumnCount(); i++) {
            row.put(m.getColumnLabel(i).toLowerCase(), text(r.getObject(i)));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private static String text(Object value) {
    if (value instanceof Timestamp t) {
      return t.toInstant().toString();
    }
    if (value instanceof OffsetDateTime t) {
      return t.toInstant().toString();
    }
    return value == null ? null : value.toString();
  }
}

package io.redress.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bulk seeding by copying one real case (taken in through the API, so every row is the engine's own) many times,
 * in SQL, with new ids: each copy {@code n} gets, for every id of the template (process instance, executions, task,
 * variables, jobs, event subscriptions, identity links, authorizations, byte arrays, history rows, activity
 * instances), the id with its last 12 characters (a time-based UUID's node) replaced by {@code x<n>}, and the complaint number
 * {@code CMP-X-<n>}. A column is treated as an id column when every value it holds in the template's rows is one of
 * the template's ids; other columns (definition ids, activity ids, names, dates, values) are copied as they are.
 * Copies are made {@code INSERT INTO t SELECT ... FROM t, bench_n} in chunks, on H2 and PostgreSQL alike.
 */
final class Seeder {

  /** The columns of a task's creation: a copy's is its number of seconds before the template's. */
  private static final Set<String> TASK_CREATED = Set.of("act_ru_task.create_time_", "act_hi_taskinst.start_time_");

  private final Connection c;
  private int nextN = 1;
  private int numbers;

  Seeder(Connection c) throws SQLException {
    this.c = c;
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS bench_n (n INTEGER NOT NULL PRIMARY KEY)");
      // a kept database (-Dbench.keepDatabase) has the numbers of its first run
      try (var r = s.executeQuery("SELECT COALESCE(MAX(n), 0) FROM bench_n")) {
        r.next();
        numbers = r.getInt(1);
      }
    }
  }

  /** The rows of one process instance (running or ended) and its case, by table: the template to copy. */
  private Map<String, String> templateRows(String processInstanceId, String complaintNumber) throws SQLException {
    Map<String, String> where = new LinkedHashMap<>();
    String p = q(processInstanceId);
    // first what others point to (foreign keys): byte arrays, then executions (parents first, see copy)
    where.put("act_ge_bytearray", "root_proc_inst_id_ = " + p
        + " OR id_ IN (SELECT bytearray_id_ FROM act_ru_variable WHERE proc_inst_id_ = " + p + ")"
        + " OR id_ IN (SELECT exception_stack_id_ FROM act_ru_job WHERE process_instance_id_ = " + p + ")");
    for (String t : List.of("act_ru_execution", "act_ru_task", "act_ru_variable", "act_ru_event_subscr",
        "act_ru_incident")) {
      where.put(t, "proc_inst_id_ = " + p);
    }
    where.put("act_ru_job", "process_instance_id_ = " + p);
    where.put("act_ru_identitylink", "task_id_ IN (SELECT id_ FROM act_ru_task WHERE proc_inst_id_ = " + p + ")");
    for (String t : List.of("act_hi_procinst", "act_hi_actinst", "act_hi_taskinst", "act_hi_varinst",
        "act_hi_detail", "act_hi_identitylink", "act_hi_job_log", "act_hi_decinst", "act_hi_dec_in",
        "act_hi_dec_out", "act_hi_op_log", "act_hi_incident", "act_hi_comment")) {
      where.put(t, "root_proc_inst_id_ = " + p);
    }
    String cn = q(complaintNumber);
    where.put("complaint", "complaint_number = " + cn);
    where.put("complaint_event", "complaint_number = " + cn);
    where.put("customer_contact", "complaint_number = " + cn);
    return where;
  }

  /**
   * Adds {@code count} copies of the case; returns the copies' numbers {@code [from, to]}. The authorizations of
   * the template's tasks and instance are copied too.
   */
  int[] copy(String processInstanceId, String complaintNumber, int count, int chunk) throws SQLException {
    Map<String, String> where = templateRows(processInstanceId, complaintNumber);
    Set<String> ids = new HashSet<>();
    ids.add(processInstanceId);
    Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    for (var e : where.entrySet()) {
      List<Map<String, Object>> r;
      try {
        r = query("SELECT * FROM " + e.getKey() + " WHERE " + e.getValue());
      } catch (SQLException noSuchColumn) {
        System.out.println("[bench] not copied: " + e.getKey() + ": " + noSuchColumn.getMessage());
        r = List.of();
      }
      rows.put(e.getKey(), r);
      for (Map<String, Object> row : r) {
        Object id = row.get("id_");
        if (id != null) {
          ids.add(id.toString());
        }
      }
    }
    // activity instance ids are ids of act_hi_actinst rows; task and instance authorizations by resource id
    String in = String.join(",", ids.stream().map(Seeder::q).toList());
    where.put("act_ru_authorization", "resource_id_ IN (" + in + ")");
    rows.put("act_ru_authorization", query("SELECT * FROM act_ru_authorization WHERE resource_id_ IN (" + in + ")"));
    for (Map<String, Object> row : rows.get("act_ru_authorization")) {
      ids.add(row.get("id_").toString());
    }
    ensureNumbers(nextN + count);
    int from = nextN;
    int to = nextN + count - 1;
    nextN += count;
    for (var e : where.entrySet()) {
      String table = e.getKey();
      List<Map<String, Object>> r = rows.get(table);
      if (r.isEmpty()) {
        continue;
      }
      List<String> cols = new ArrayList<>();
      List<String> exprs = new ArrayList<>();
      for (String col : r.get(0).keySet()) {
        boolean identity = col.equals("id") && table.startsWith("c"); // complaint_event, customer_contact
        if (identity) {
          continue;
        }
        cols.add(col);
        // each copy's task a second older than the one before: with one creation time for all, Tasklist's
        // "newest first" page had to sort every tied task before it could cut 15 (a real queue has distinct times)
        exprs.add(TASK_CREATED.contains(table + "." + col) ? "t." + col + " - g.n * INTERVAL '1' SECOND"
            : expression(col, r, ids, complaintNumber));
      }
      String sql = "INSERT INTO " + table + " (" + String.join(", ", cols) + ") SELECT " + String.join(", ", exprs)
          + " FROM " + table + " t, bench_n g WHERE (" + e.getValue() + ") AND g.n BETWEEN ? AND ?";
      // executions point to their parent and process instance: copied level by level, parents first
      List<String> levels = new ArrayList<>();
      if (table.equals("act_ru_execution")) {
        Map<String, String> parent = new LinkedHashMap<>();
        r.forEach(row -> parent.put((String) row.get("id_"), (String) row.get("parent_id_")));
        Map<Integer, List<String>> byDepth = new java.util.TreeMap<>();
        for (String id : parent.keySet()) {
          int d = 0;
          for (String x = parent.get(id); x != null && d < 50; x = parent.get(x)) {
            d++;
          }
          byDepth.computeIfAbsent(d, k -> new ArrayList<>()).add(id);
        }
        byDepth.values().forEach(level -> levels.add(" AND t.id_ IN (" + String.join(",",
            level.stream().map(Seeder::q).toList()) + ")"));
      } else {
        levels.add("");
      }
      for (String level : levels) {
        for (int a = from; a <= to; a += chunk) {
          try (PreparedStatement ps = c.prepareStatement(sql + level)) {
            ps.setInt(1, a);
            ps.setInt(2, Math.min(to, a + chunk - 1));
            ps.executeUpdate();
          }
        }
      }
    }
    return new int[] {from, to};
  }

  private static String expression(String col, List<Map<String, Object>> rows, Set<String> ids,
      String complaintNumber) {
    boolean anyId = false;
    boolean allIds = true;
    boolean hasNumber = false;
    for (Map<String, Object> row : rows) {
      Object v = row.get(col);
      if (v == null) {
        continue;
      }
      if (v instanceof String s) {
        if (ids.contains(s)) {
          anyId = true;
        } else {
          allIds = false;
        }
        if (s.equals(complaintNumber)) {
          hasNumber = true;
        }
      } else {
        allIds = false;
      }
    }
    String n = "LPAD(CAST(g.n AS VARCHAR(12)), 11, '0')";
    if (anyId && allIds) {
      // Camunda's ids are time-based UUIDs: the last 12 characters (the node) are the same in all; they become
      // 'x' + n, which no UUID holds
      return "CASE WHEN t." + col + " IS NULL THEN NULL ELSE SUBSTRING(t." + col + ", 1, LENGTH(t." + col
          + ") - 12) || 'x' || " + n + " END";
    }
    if (hasNumber) {
      return "CASE WHEN t." + col + " = " + q(complaintNumber) + " THEN 'CMP-X-' || LPAD(CAST(g.n AS VARCHAR(12)), 8, '0') ELSE t." + col
          + " END";
    }
    if (col.equals("idempotency_key")) {
      return "NULL";
    }
    return "t." + col;
  }

  private void ensureNumbers(int upTo) throws SQLException {
    if (upTo <= numbers) {
      return;
    }
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_n (n) VALUES (?)")) {
      for (int i = numbers + 1; i <= upTo; i++) {
        ps.setInt(1, i);
        ps.addBatch();
        if (i % 10_000 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
      c.commit();
    } finally {
      c.setAutoCommit(true);
    }
    numbers = upTo;
  }

  List<Map<String, Object>> query(String sql) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i).toLowerCase(), rs.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  long count(String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  int update(String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  Connection connection() {
    return c;
  }

  static String q(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}

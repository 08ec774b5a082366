package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.redress.RedressSpringTest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The case list as CSV and XLSX over HTTP: the search's filters, masking by role, formula-safe cells, and a large
 * list streamed.
 */
@RedressSpringTest
class ComplaintExportApiTest {

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port);
  }

  private String intake(String name, String phone, String email, String channel) throws Exception {
    HttpResponse<String> created = api.send("fiona", "POST", "/api/complaints", Map.of(
        "customer", Map.of("name", name, "phone", phone, "email", email, "tier", "premium"),
        "channel", channel, "description", "Export test: hotel charged twice", "amountClaimed", 120.5));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Api.json(created).get("id").asText();
  }

  private HttpResponse<byte[]> export(String user, String query) throws Exception {
    return HttpClient.newHttpClient().send(api.raw(user, "GET", "/api/complaints/export" + query, null, null)
        .header("Accept", "*/*").build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The CSV's records as fields (a minimal RFC 4180 reader), the byte-order mark checked and dropped. */
  private static List<List<String>> csv(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF");
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && text.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        field.append(c);
      }
    }
    return rows;
  }

  private static Map<String, String> byColumn(List<String> header, List<String> row) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      m.put(header.get(i), row.get(i));
    }
    return m;
  }

  @Test
  void csvHasTheSearchsCasesWithTheSameFiltersMaskedAndSafeFromFormulas() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String formula = "=HYPERLINK(\"http://evil.example\",\"x\")" + tag;
    String letter = intake(formula, "13800138" + "001", "first." + tag + "@example.org", "letter");
    String chat = intake("Zhang, \"Wei\" " + tag, "+86 139 1234 5678", "second." + tag + "@example.org", "visit");

    HttpResponse<byte[]> all = export("sam", "?format=csv&receivedFrom=2000-01-01");
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(all.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(d -> assertThat(d).startsWith("attachment; filename=\"complaints-").endsWith(".csv\""));
    List<List<String>> rows = csv(all.body());
    List<String> header = rows.get(0);
    assertThat(header).startsWith("id", "status", "stage", "severity", "category", "channel");
    Map<String, Map<String, String>> byId = new java.util.HashMap<>();
    rows.subList(1, rows.size()).forEach(r -> byId.put(r.get(0), byColumn(header, r)));
    assertThat(byId).containsKeys(letter, chat);
    Map<String, String> first = byId.get(letter);
    // the cell that a spreadsheet would evaluate is text: prefixed by an apostrophe
    assertThat(first.get("customerName")).isEqualTo("'" + formula);
    assertThat(first.get("customerPhone")).isEqualTo("138****8001");
    assertThat(first.get("customerEmail")).isEqualTo("f***@example.org");
    assertThat(first.get("channel")).isEqualTo("letter");
    assertThat(first.get("status")).isEqualTo("open");
    assertThat(first.get("amountClaimed")).isEqualTo("120.50");
    assertThat(first.get("customerTier")).isEqualTo("premium");
    assertThat(first.get("receivedAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?\\+08:00");
    assertThat(byId.get(chat).get("customerName")).isEqualTo("Zhang, \"Wei\" " + tag);
    assertThat(byId.get(chat).get("customerPhone")).isEqualTo("'+86****5678");
    assertThat(new String(all.body(), StandardCharsets.UTF_8)).doesNotContain("13800138001", "first." + tag);

    // the search's filters: by channel only the letter; its order newest first, as the search's
    List<List<String>> letters = csv(export("sam", "?channel=letter").body());
    assertThat(letters.subList(1, letters.size())).allSatisfy(r -> assertThat(r.get(5)).isEqualTo("letter"))
        .anySatisfy(r -> assertThat(r.get(0)).isEqualTo(letter));
    List<String> search = new ArrayList<>();
    Api.json(api.send("sam", "GET", "/api/complaints?channel=visit&size=100", null)).get("items")
        .forEach(i -> search.add(i.get("id").asText()));
    List<List<String>> visits = csv(export("sam", "?channel=visit").body());
    assertThat(visits.subList(1, visits.size()).stream().map(r -> r.get(0)).toList()).isEqualTo(search)
        .contains(chat).doesNotContain(letter);
    List<List<String>> none = csv(export("sam", "?channel=letter&status=closed&receivedFrom=2999-01-01").body());
    assertThat(none).hasSize(1);

    // bad criteria: 400 naming the field, as the search
    HttpResponse<byte[]> bad = export("sam", "?format=pdf&channel=fax");
    assertThat(bad.statusCode()).isEqualTo(400);
    String problem = new String(bad.body(), StandardCharsets.UTF_8);
    assertThat(problem).contains("format").contains("channel");
    assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void fullPersonalDataOnlyForManagersDirectorsAndAdministrators() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String id = intake("Full " + tag, "13700137" + "002", "full." + tag + "@example.org", "letter");

    for (String user : List.of("fiona", "hank", "sam", "tom")) {
      HttpResponse<byte[]> refused = export(user, "?personalData=full");
      assertThat(refused.statusCode()).as(user).isEqualTo(403);
      assertThat(new String(refused.body(), StandardCharsets.UTF_8)).doesNotContain("13700137002");
    }
    for (String user : List.of("maria", "diego")) {
      List<List<String>> rows = csv(export(user, "?personalData=full&channel=letter").body());
      Map<String, String> row = rows.stream().filter(r -> r.get(0).equals(id)).findFirst()
          .map(r -> byColumn(rows.get(0), r)).orElseThrow();
      assertThat(row.get("customerPhone")).as(user).isEqualTo("13700137002");
      assertThat(row.get("customerEmail")).as(user).isEqualTo("full." + tag + "@example.org");
      // masked unless asked for
      List<List<String>> masked = csv(export(user, "?channel=letter").body());
      assertThat(masked.stream().filter(r -> r.get(0).equals(id)).findFirst().map(r -> byColumn(masked.get(0), r))
          .orElseThrow().get("customerPhone")).isEqualTo("137****7002");
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'personal-data-export' "
        + "AND actor = 'maria'", Integer.class)).isPositive();
    assertThat(export(null, "").statusCode()).isEqualTo(401);
    assertThat(export("ana", "").statusCode()).isEqualTo(403);
  }

  @Test
  void xlsxHasTheSameRowsWithTextCellsAndDates() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String id = intake("@SUM(A1:A9) " + tag, "13600136" + "003", "x." + tag + "@example.org", "letter");
    HttpResponse<byte[]> file = export("sam", "?format=xlsx&channel=letter");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Type"))
        .hasValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
      Sheet sheet = book.getSheetAt(0);
      Row header = sheet.getRow(0);
      List<String> columns = new ArrayList<>();
      header.forEach(c -> columns.add(c.getStringCellValue()));
      assertThat(columns).startsWith("id", "status");
      Row row = null;
      for (Row r : sheet) {
        if (r.getRowNum() > 0 && r.getCell(0).getStringCellValue().equals(id)) {
          row = r;
        }
      }
      assertThat(row).as("the case's row").isNotNull();
      Cell name = row.getCell(columns.indexOf("customerName"));
      assertThat(name.getCellType()).isEqualTo(CellType.STRING);
      assertThat(name.getStringCellValue()).isEqualTo("@SUM(A1:A9) " + tag);
      assertThat(row.getCell(columns.indexOf("customerPhone")).getStringCellValue()).isEqualTo("136****6003");
      assertThat(row.getCell(columns.indexOf("amountClaimed")).getNumericCellValue()).isEqualTo(120.5);
      Cell received = row.getCell(columns.indexOf("receivedAt"));
      assertThat(received.getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(received.getLocalDateTimeCellValue()).isNotNull();
      assertThat(sheet.getLastRowNum()).isEqualTo(Api.json(api.send("sam", "GET", "/api/complaints?channel=letter",
          null)).get("total").asInt());
    }
  }

  @Test
  void twentyThousandCasesAreStreamedInTheirOrder() throws Exception {
    int n = 20_000;
    String category = "export-bulk-" + UUID.randomUUID().toString().substring(0, 8);
    Instant base = Instant.parse("2020-01-01T00:00:00Z");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new Object[] {"BULK-" + category.substring(12) + "-" + i, "closed", "letter", "standard",
          "bulk row", "CNY", category, Timestamp.from(base.plusSeconds(i)), "1380000" + String.format("%04d", i % 10000)});
    }
    try {
      jdbc.batchUpdate("INSERT INTO complaint (complaint_number, status, channel, customer_tier, description, "
          + "currency, safety_risk, resolved_at_intake, second_complaint, category, received_at, customer_phone) "
          + "VALUES (?, ?, ?, ?, ?, ?, FALSE, FALSE, FALSE, ?, ?, ?)", rows);
      HttpResponse<InputStream> response = HttpClient.newHttpClient().send(api.raw("sam", "GET",
          "/api/complaints/export?category=" + category + "&sort=received&direction=asc", null, null)
          .header("Accept", "text/csv").build(), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(response.statusCode()).isEqualTo(200);
      // sent as it is written: chunked, no length known in advance
      assertThat(response.headers().firstValue("Content-Length")).isEmpty();
      try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        assertThat(in.readLine()).startsWith("\uFEFFid,status");
        int count = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String[] cells = line.split(",", -1);
          assertThat(cells[0]).isEqualTo("BULK-" + category.substring(12) + "-" + count);
          assertThat(cells[8]).isEqualTo("138****" + String.format("%04d", count % 10000));
          count++;
        }
        assertThat(count).isEqualTo(n);
      }
    } finally {
      jdbc.update("DELETE FROM complaint WHERE category = ?", category);
    }
  }
}

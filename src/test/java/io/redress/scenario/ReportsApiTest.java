package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redress.RedressSpringTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The reports' doors: who may read them, and what a bad query answers. */
@RedressSpringTest
class ReportsApiTest {

  @LocalServerPort int port;

  @Test
  void supervisorsManagersAndDirectorsReadTheReportsOthersAreRefused() throws Exception {
    Api api = new Api(port);
    for (String path : new String[] {"/api/reports/kpis?from=2026-11-01&to=2026-11-30",
        "/api/reports/trends?from=2026-01-01&to=2026-11-30&period=week",
        "/api/reports/root-causes?from=2026-11-01&to=2026-11-30", "/api/reports/open-cases",
        "/api/reports/workload?from=2026-11-01&to=2026-11-30"}) {
      for (String reader : new String[] {"sam", "maria", "diego"}) {
        HttpResponse<String> r = api.send(reader, "GET", path, null);
        assertThat(r.statusCode()).as(reader + " " + path + " " + r.body()).isEqualTo(200);
      }
      for (String other : new String[] {"fiona", "hank", "tom"}) {
        HttpResponse<String> r = api.send(other, "GET", path, null);
        assertThat(r.statusCode()).as(other + " " + path).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
            t -> assertThat(t).startsWith("application/problem+json"));
      }
      assertThat(api.send(null, "GET", path, null).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void badDatesAndFiltersAreRefusedNamingTheField() throws Exception {
    Api api = new Api(port);
    String[][] cases = {
        {"/api/reports/kpis?to=2026-11-30", "from"},
        {"/api/reports/kpis?from=2026-13-01&to=2026-11-30", "from"},
        {"/api/reports/kpis?from=2026-11-01&to=30.11.2026", "to"},
        {"/api/reports/kpis?from=2026-11-30&to=2026-11-01", "to"},
        {"/api/reports/kpis?from=2026-11-01&to=2026-11-30&channel=pigeon", "channel"},
        {"/api/reports/kpis?from=2026-11-01&to=2026-11-30&severity=dire", "severity"},
        {"/api/reports/kpis?from=2026-11-01&to=2026-11-30&tier=gold", "tier"},
        {"/api/reports/kpis?from=2026-11-01&to=2026-11-30&category=%27%3B%20DROP", "category"},
        {"/api/reports/trends?from=2026-11-01&to=2026-11-30&period=day", "period"},
        {"/api/reports/root-causes?from=2026-11-01&to=2026-11-30&limit=0", "limit"},
        {"/api/reports/root-causes?from=2026-11-01&to=2026-11-30&limit=x", "limit"},
        {"/api/reports/open-cases?tier=gold", "tier"}};
    for (String[] c : cases) {
      HttpResponse<String> r = api.send("maria", "GET", c[0], null);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
          t -> assertThat(t).startsWith("application/problem+json"));
      JsonNode problem = Api.json(r);
      assertThat(problem.get("errors").findValuesAsText("field")).as(c[0]).containsExactly(c[1]);
    }
  }
}

package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.redress.RedressSpringTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The dashboard page over HTTP: for supervisors, managers and directors; a page saying why for anyone else. */
@RedressSpringTest
class ReportsPageTest {

  @LocalServerPort
  int port;

  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port);
  }

  private HttpResponse<String> page(String user) throws Exception {
    return api.send(api.raw(user, "GET", "/reports", null, null).header("Accept", "text/html"));
  }

  @Test
  void readersGetThePageWithoutInlineScriptOthersARefusal() throws Exception {
    for (String user : new String[] {"sam", "maria", "diego"}) {
      HttpResponse<String> ok = page(user);
      assertThat(ok.statusCode()).as(user).isEqualTo(200);
      assertThat(ok.body()).contains("<script src=\"webjars/echarts/5.3.1/dist/echarts.min.js\"")
          .contains("<script src=\"reports/dashboard.js\"").doesNotContain("<script>");
      assertThat(ok.headers().firstValue("Content-Security-Policy")).get().asString()
          .contains("script-src 'self'").doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe");
    }
    for (String user : new String[] {"fiona", "hank", "tom", "ana"}) {
      HttpResponse<String> refused = page(user);
      assertThat(refused.statusCode()).as(user).isEqualTo(403);
      assertThat(refused.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
      assertThat(refused.body()).doesNotContain("dashboard.js");
    }
    HttpResponse<String> nobody = page(null);
    assertThat(nobody.statusCode()).isEqualTo(401);
    assertThat(nobody.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic realm=");
    assertThat(nobody.body()).contains("camunda/app/tasklist/default/").doesNotContain("dashboard.js");
    HttpResponse<String> wrong = api.send(api.request("maria", "wrong", "GET", "/reports", null));
    assertThat(wrong.statusCode()).isEqualTo(401);
  }

  @Test
  void theTextsAreTheWorkingLanguagesAndTheScriptAndChartsAreServed() throws Exception {
    HttpResponse<String> texts = api.send(null, "GET", "/reports/texts", null);
    assertThat(texts.statusCode()).isEqualTo(200);
    assertThat(Api.json(texts).path("lang").asText()).isEqualTo("en");
    assertThat(Api.json(texts).at("/texts/kpi.firstReplyWithinLimit").asText()).isEqualTo("First reply within limit");
    assertThat(Api.json(texts).path("today").asText()).matches("\\d{4}-\\d\\d-\\d\\d");
    for (String asset : new String[] {"/reports/dashboard.js", "/reports/dashboard.css",
        "/webjars/echarts/5.3.1/dist/echarts.min.js"}) {
      HttpResponse<String> r = api.send(api.raw(null, "GET", asset, null, null).header("Accept", "*/*"));
      assertThat(r.statusCode()).as(asset).isEqualTo(200);
    }
  }
}

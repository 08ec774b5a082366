package io.redress.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redress.RedressSpringTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The saved filters over HTTP as Tasklist's users read them: the shared filters each group sees, what "Due today"
 * and "Overdue" select, the cards' variables, a user added later, and the filters brought up to date on start in
 * the centre's working language without duplicates.
 */
@RedressSpringTest
class TasklistFiltersTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ENGLISH = List.of("My tasks", "My group's tasks", "Due today", "Overdue",
      "Escalations");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired TaskService taskService;
  @Autowired FilterService filterService;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;

  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void english() {
    new IdentitySetup("en", "Asia/Shanghai").createFilters(engine);
  }

  @Test
  void eachGroupSeesTheFiltersOfItsRole() throws Exception {
    for (String user : List.of("fiona", "hank", "sam")) {
      assertThat(filterNames(user)).as(user).containsExactly("My tasks", "My group's tasks", "Due today", "Overdue");
    }
    for (String user : List.of("tom", "maria", "diego")) {
      assertThat(filterNames(user)).as(user).containsExactlyElementsOf(ENGLISH);
    }
    // a user added later sees them through the group
    if (identityService.createUserQuery().userId("lena").count() == 0) {
      User lena = identityService.newUser("lena");
      lena.setPassword("demo");
      identityService.saveUser(lena);
      identityService.createMembership("lena", Groups.MANAGERS);
    }
    try {
      assertThat(filterNames("lena")).containsExactlyElementsOf(ENGLISH);
    } finally {
      identityService.deleteUser("lena");
    }
  }

  @Test
  void dueTodayAndOverdueSelectByTheDueDateAndEveryCardCarriesTheCase() throws Exception {
    String today = intake();
    String tomorrow = intake();
    String yesterday = intake();
    long now = System.currentTimeMillis();
    due(today, new Date(now + 60_000));
    due(tomorrow, new Date(now + 26 * 3_600_000L));
    due(yesterday, new Date(now - 26 * 3_600_000L));

    List<JsonNode> dueToday = list("fiona", "Due today");
    assertThat(keys(dueToday)).contains(today).doesNotContain(tomorrow, yesterday);
    List<JsonNode> overdue = list("fiona", "Overdue");
    assertThat(keys(overdue)).contains(yesterday).doesNotContain(today, tomorrow);
    List<JsonNode> group = list("fiona", "My group's tasks");
    assertThat(keys(group)).contains(today, tomorrow, yesterday);

    JsonNode card = group.stream().filter(t -> today.equals(t.get("businessKey").asText())).findFirst().orElseThrow();
    Map<String, String> shown = new LinkedHashMap<>();
    card.at("/_embedded/variable").forEach(v -> shown.put(v.get("name").asText(), v.get("value").asText()));
    assertThat(shown).containsEntry("complaintNumber", today).containsKey("severity")
        .containsEntry("customerTier", "vip").containsEntry("channel", "phone");
    assertThat(card.get("due").asText()).isNotEmpty();
  }

  @Test
  void theFiltersFollowTheWorkingLanguageAndAreUpdatedNotDuplicated() throws Exception {
    // a database of an earlier version: its "Escalations" filter without the key, also readable by supervisors
    Filter old = filterService.createFilterQuery().filterName("Escalations").singleResult();
    Map<String, Object> properties = new LinkedHashMap<>(old.getProperties());
    properties.remove(IdentitySetup.FILTER_KEY);
    old.setProperties(properties);
    filterService.saveFilter(old);
    Authorization supervisors = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    supervisors.setGroupId(Groups.SUPERVISORS);
    supervisors.setResource(Resources.FILTER);
    supervisors.setResourceId(old.getId());
    supervisors.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(supervisors);
    assertThat(filterNames("sam")).contains("Escalations");
    long before = filterService.createFilterQuery().count();

    new IdentitySetup("zh-CN", "Asia/Shanghai").createFilters(engine);
    assertThat(filterService.createFilterQuery().count()).isEqualTo(before);
    assertThat(filterNames("maria")).containsExactly("我的任务", "我组的任务", "今日到期", "已逾期", "升级处理");
    assertThat(filterNames("sam")).doesNotContain("升级处理", "Escalations");
    assertThat(filterService.getFilter(old.getId()).getName()).isEqualTo("升级处理");
    JsonNode labels = JSON.valueToTree(filterService.getFilter(old.getId()).getProperties().get("variables"));
    assertThat(labels.findValuesAsText("label")).containsExactly("投诉编号", "严重程度", "客户等级", "渠道");

    new IdentitySetup("en", "Asia/Shanghai").createFilters(engine);
    assertThat(filterService.createFilterQuery().count()).isEqualTo(before);
    assertThat(filterNames("maria")).containsExactlyElementsOf(ENGLISH);
  }

  // ------------------------------------------------------------------ over HTTP

  /** The filters the user sees, in Tasklist's order (by their priority). */
  private List<String> filterNames(String user) throws Exception {
    List<JsonNode> filters = new ArrayList<>();
    json(send(user, "GET", "/engine-rest/filter?resourceType=Task", null)).forEach(filters::add);
    filters.sort(java.util.Comparator.comparingInt(f -> f.at("/properties/priority").asInt()));
    return filters.stream().map(f -> f.get("name").asText()).toList();
  }

  private List<JsonNode> list(String user, String filterName) throws Exception {
    String id = null;
    for (JsonNode f : json(send(user, "GET", "/engine-rest/filter?resourceType=Task", null))) {
      if (filterName.equals(f.get("name").asText())) {
        id = f.get("id").asText();
      }
    }
    assertThat(id).as("%s sees %s", user, filterName).isNotNull();
    HttpResponse<String> r = http.send(request(user, "POST", "/engine-rest/filter/" + id
        + "/list?firstResult=0&maxResults=200", "{}").setHeader("Accept", "application/hal+json").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<JsonNode> tasks = new ArrayList<>();
    JsonNode hal = JSON.readTree(r.body());
    for (JsonNode t : hal.at("/_embedded/task")) {
      String instance = t.get("processInstanceId").asText();
      ((com.fasterxml.jackson.databind.node.ObjectNode) t).put("businessKey", engine.getRuntimeService()
          .createProcessInstanceQuery().processInstanceId(instance).singleResult().getBusinessKey());
      tasks.add(t);
    }
    return tasks;
  }

  private static List<String> keys(List<JsonNode> tasks) {
    return tasks.stream().map(t -> t.get("businessKey").asText()).toList();
  }

  private String intake() throws Exception {
    HttpResponse<String> r = send("fiona", "POST", "/api/complaints", "{\"customer\":{\"name\":\"Filter Test\","
        + "\"phone\":\"13800000000\",\"tier\":\"vip\"},\"channel\":\"phone\",\"description\":\"late delivery\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).get("id").asText();
  }

  private void due(String complaint, Date due) {
    Task task = taskService.createTaskQuery().processInstanceBusinessKey(complaint)
        .taskDefinitionKey("classifyComplaint").singleResult();
    task.setDueDate(due);
    taskService.saveTask(task);
  }

  private JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> send(String user, String method, String path, String body) throws Exception {
    return http.send(request(user, method, path, body).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String user, String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept", "application/json").header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    return body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
        : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
  }
}

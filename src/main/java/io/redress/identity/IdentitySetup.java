package io.redress.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On every start: the groups, what each may do (Camunda authorizations), and the shared Tasklist
 * filters. Idempotent: it adds what is missing and brings the shared filters up to date (names in the centre's working
 * language, {@code redress.locale}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdentitySetup extends AbstractProcessEnginePlugin {

  static final String PROCESS_KEY = "complaint-handling";

  private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);

  private static final Map<String, String> GROUP_NAMES = Map.of(
      Groups.FRONTLINE, "Frontline reps",
      Groups.TEAM_LEADS, "Team leads",
      Groups.HANDLERS, "Complaint handlers",
      Groups.SUPERVISORS, "Supervisors",
      Groups.MANAGERS, "Customer-service managers",
      Groups.DIRECTORS, "Directors",
      Groups.ANALYSTS, "Process analysts",
      Groups.CAMUNDA_ADMIN, "Camunda administrators");

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    GROUP_NAMES.forEach((id, name) -> {
      if (identity.createGroupQuery().groupId(id).count() == 0) {
        Group group = identity.newGroup(id);
        group.setName(name);
        group.setType(Groups.CAMUNDA_ADMIN.equals(id) ? "SYSTEM" : "WORKFLOW");
        identity.saveGroup(group);
      }
    });
    AuthorizationService auth = engine.getAuthorizationService();
    for (Resources resource : Resources.values()) {
      grant(auth, Groups.CAMUNDA_ADMIN, resource, ANY, Permissions.ALL);
    }
    for (String group : Groups.COMPLAINT_WORKERS) {
      grant(auth, group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      // READ_INSTANCE: the variables that Tasklist's filters show beside each task (complaint number, severity)
      grant(auth, group, Resources.PROCESS_DEFINITION, PROCESS_KEY, Permissions.READ,
          ProcessDefinitionPermissions.READ_INSTANCE);
      grant(auth, group, Resources.USER, ANY, Permissions.READ);
      grant(auth, group, Resources.GROUP, ANY, Permissions.READ);
    }
    for (String group : List.of(Groups.FRONTLINE, Groups.TEAM_LEADS)) {
      // phone intake from Tasklist's start form
      grant(auth, group, Resources.PROCESS_DEFINITION, PROCESS_KEY, ProcessDefinitionPermissions.CREATE_INSTANCE);
      grant(auth, group, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    }
    for (String group : List.of(Groups.SUPERVISORS, Groups.MANAGERS, Groups.TEAM_LEADS)) {
      // the one path to reassign a task (POST task/{id}/assignee, audited): the engine guard holds the new assignee
      // to the task's groups; seeing the tasks stays with the candidate groups
      grant(auth, group, Resources.PROCESS_DEFINITION, PROCESS_KEY, ProcessDefinitionPermissions.TASK_ASSIGN);
    }
    String analysts = Groups.ANALYSTS;
    grant(auth, analysts, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(auth, analysts, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    for (Resources r : List.of(Resources.DEPLOYMENT, Resources.PROCESS_DEFINITION, Resources.DECISION_DEFINITION,
        Resources.DECISION_REQUIREMENTS_DEFINITION, Resources.BATCH)) {
      grant(auth, analysts, r, ANY, Permissions.ALL);
    }
    grant(auth, analysts, Resources.PROCESS_INSTANCE, ANY, Permissions.READ, Permissions.UPDATE);
    grant(auth, analysts, Resources.TASK, ANY, Permissions.READ);
    createFilters(engine);
    LOG.info("Groups, authorizations and Tasklist filters are in place");
  }

  /** One shared Tasklist filter: a stable key (kept in its properties), its names and what it selects. */
  record FilterSpec(String key, String english, String chinese, String descriptionEn, String descriptionZh,
      String color, List<String> readers) {

    String name(boolean chinese) {
      return chinese ? this.chinese : english;
    }
  }

  static final List<FilterSpec> FILTERS = List.of(
      new FilterSpec("my-tasks", "My tasks", "我的任务", "Tasks assigned to me", "分配给我的任务",
          "#3b82f6", Groups.COMPLAINT_WORKERS),
      new FilterSpec("my-group-tasks", "My group's tasks", "我组的任务", "Tasks of my groups, claimed or not",
          "我所在组的任务（已认领或未认领）", "#10b981", Groups.COMPLAINT_WORKERS),
      new FilterSpec("due-today", "Due today", "今日到期", "Tasks due today (the centre's time zone)",
          "今天到期的任务（按中心时区）", "#8b5cf6", Groups.COMPLAINT_WORKERS),
      new FilterSpec("overdue", "Overdue", "已逾期", "Tasks past their due date", "已超过期限的任务",
          "#ef4444", Groups.COMPLAINT_WORKERS),
      new FilterSpec("escalations", "Escalations", "升级处理", "Missed deadlines escalated to my level",
          "升级到我这一级的超时事项", "#f59e0b", Groups.ESCALATION_LEVELS));

  /** The property that ties a stored filter to its {@link FilterSpec}, whatever its name in either language. */
  static final String FILTER_KEY = "redressFilter";

  /** The variables every card shows (the due date Tasklist shows by itself), English and Chinese labels. */
  private static final List<List<String>> CARD_VARIABLES = List.of(
      List.of("complaintNumber", "Complaint", "投诉编号"),
      List.of("severity", "Severity", "严重程度"),
      List.of("customerTier", "Customer tier", "客户等级"),
      List.of("channel", "Channel", "渠道"));

  private final boolean chinese;
  private final String zone;

  IdentitySetup(@Value("${redress.locale:en}") String locale,
      @Value("${redress.calendar.zone:Asia/Shanghai}") String zone) {
    this.chinese = locale != null && locale.toLowerCase(java.util.Locale.ROOT).startsWith("zh");
    this.zone = java.time.ZoneId.of(zone).getId();
  }

  private TaskQuery query(ProcessEngine engine, String key) {
    TaskQuery query = engine.getTaskService().createTaskQuery();
    // "today" is the centre's day, not the server's: the start of today and of tomorrow in the calendar's zone
    String startOfDay = "dateTime().withZone(dateTime().getZone().forID('" + zone + "')).withTimeAtStartOfDay()";
    return switch (key) {
      case "my-tasks" -> query.taskAssigneeExpression("${currentUser()}");
      case "my-group-tasks" -> query.taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks();
      case "due-today" -> query.dueAfterExpression("${" + startOfDay + ".minusMillis(1)}")
          .dueBeforeExpression("${" + startOfDay + ".plusDays(1)}");
      case "overdue" -> query.dueBeforeExpression("${now()}");
      case "escalations" -> query.taskDefinitionKey("handleEscalation");
      default -> throw new IllegalArgumentException(key);
    };
  }

  /**
   * The five shared filters in the centre's working language ({@code redress.locale}). A filter made by an earlier
   * version (found by its key, or by its name in either language) is brought up to date, never duplicated. The
   * sort is Tasklist's (by due date, earliest first: scripts/redress-sorting.js), so a person may still choose
   * another; groups that no longer read a filter lose it.
   */
  void createFilters(ProcessEngine engine) {
    FilterService filters = engine.getFilterService();
    AuthorizationService auth = engine.getAuthorizationService();
    List<Filter> existing = filters.createFilterQuery().filterResourceType(Resources.TASK.resourceName()).list();
    for (int i = 0; i < FILTERS.size(); i++) {
      FilterSpec spec = FILTERS.get(i);
      Filter filter = existing.stream().filter(f -> spec.key().equals(property(f, FILTER_KEY))).findFirst()
          .or(() -> existing.stream().filter(f -> property(f, FILTER_KEY) == null
              && (spec.english().equals(f.getName()) || spec.chinese().equals(f.getName()))).findFirst())
          .orElseGet(() -> filters.newTaskFilter(spec.name(chinese)));
      Map<String, Object> properties = new java.util.LinkedHashMap<>();
      properties.put(FILTER_KEY, spec.key());
      properties.put("description", chinese ? spec.descriptionZh() : spec.descriptionEn());
      properties.put("priority", -10 + i);
      properties.put("color", spec.color());
      properties.put("refresh", true);
      properties.put("variables", CARD_VARIABLES.stream()
          .map(v -> Map.of("name", v.get(0), "label", chinese ? v.get(2) : v.get(1))).toList());
      filter.setName(spec.name(chinese));
      filter.setQuery(query(engine, spec.key()));
      filter.setProperties(properties);
      filters.saveFilter(filter);
      for (String group : spec.readers()) {
        grant(auth, group, Resources.FILTER, filter.getId(), Permissions.READ);
      }
      for (Authorization a : auth.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
          .resourceType(Resources.FILTER).resourceId(filter.getId()).list()) {
        if (a.getGroupId() != null && Groups.COMPLAINT_WORKERS.contains(a.getGroupId())
            && !spec.readers().contains(a.getGroupId())) {
          auth.deleteAuthorization(a.getId());
        }
      }
    }
  }

  private static Object property(Filter filter, String name) {
    return filter.getProperties() == null ? null : filter.getProperties().get(name);
  }

  private static void grant(AuthorizationService auth, String group, Resource resource, String resourceId,
      Permission... permissions) {
    Authorization existing = auth.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT).groupIdIn(group)
        .resourceType(resource).resourceId(resourceId).singleResult();
    Authorization a = existing != null ? existing : auth.createNewAuthorization(AUTH_TYPE_GRANT);
    if (existing == null) {
      a.setGroupId(group);
      a.setResource(resource);
      a.setResourceId(resourceId);
    }
    boolean changed = existing == null;
    for (Permission p : permissions) {
      if (!a.isPermissionGranted(p)) {
        a.addPermission(p);
        changed = true;
      }
    }
    if (changed) {
      auth.saveAuthorization(a);
    }
  }
}

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
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On every start: the contract's groups, what each may do (Camunda authorizations), and the shared Tasklist
 * filters. Idempotent: it only adds what is missing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdentitySetup extends AbstractProcessEnginePlugin {

  static final String PROCESS_KEY = "complaint-handling";
  static final List<String> FILTER_NAMES = List.of("My tasks", "My group's tasks", "Overdue", "Escalations");

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

  private void createFilters(ProcessEngine engine) {
    FilterService filters = engine.getFilterService();
    TaskQuery myTasks = engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}");
    TaskQuery groupTasks = engine.getTaskService().createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks();
    TaskQuery overdue = engine.getTaskService().createTaskQuery().dueBeforeExpression("${now()}");
    TaskQuery escalations = engine.getTaskService().createTaskQuery().taskDefinitionKey("handleEscalation");
    List<TaskQuery> queries = List.of(myTasks, groupTasks, overdue, escalations);
    List<String> descriptions = List.of("Tasks assigned to me", "Tasks of my groups, claimed or not",
        "Tasks past their due date", "Missed deadlines escalated to my level");
    for (int i = 0; i < FILTER_NAMES.size(); i++) {
      String name = FILTER_NAMES.get(i);
      if (filters.createFilterQuery().filterName(name).count() > 0) {
        continue;
      }
      TaskQuery query = queries.get(i);
      query.orderByDueDate().asc();
      Filter filter = filters.newTaskFilter(name)
          .setQuery(query)
          .setProperties(Map.of(
              "description", descriptions.get(i),
              "priority", -10 + i,
              "color", List.of("#3b82f6", "#10b981", "#ef4444", "#f59e0b").get(i),
              "refresh", true,
              "variables", List.of(
                  Map.of("name", "complaintNumber", "label", "Complaint"),
                  Map.of("name", "severity", "label", "Severity"))));
      filters.saveFilter(filter);
      List<String> readers = i == 3 ? Groups.ESCALATION_LEVELS : Groups.COMPLAINT_WORKERS;
      for (String group : readers) {
        grant(engine.getAuthorizationService(), group, Resources.FILTER, filter.getId(), Permissions.READ);
      }
    }
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

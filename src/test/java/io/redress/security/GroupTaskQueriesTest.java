package io.redress.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.redress.RedressSpringTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tasks offered to the caller's own groups are listed without Camunda's per-task grant check ({@link
 * GroupTaskQueries}); every other task query is checked as before. The grant of one task is removed behind the
 * engine's back to tell the two apart: the group's query still lists the task, a query by its id no longer does.
 */
@RedressSpringTest
class GroupTaskQueriesTest {

  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired FilterService filters;

  /** This test's tasks' name: the shared test database holds other tests' frontline tasks, more than a page. */
  private final String name = "Grant test " + UUID.randomUUID();
  private final List<String> created = new ArrayList<>();
  private final List<String> grants = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    identity.clearAuthentication();
    grants.forEach(authorizations::deleteAuthorization);
    created.forEach(id -> tasks.deleteTask(id, true));
  }

  @Test
  void theOwnGroupsTasksNeedNoGrantJoinAndEverythingElseIsChecked() {
    String frontline = task("frontline");
    String supervisors = task("supervisors");
    // what Camunda's default authorization provider wrote for the candidate groups
    Authorization frontlineGrant = grant(frontline, "frontline");
    assertThat(frontlineGrant.isPermissionGranted(Permissions.READ)).isTrue();
    assertThat(grant(supervisors, "supervisors")).isNotNull();

    asFiona();
    assertThat(ids(tasks.createTaskQuery().taskCandidateGroupIn(List.of("frontline")).taskName(name)
        .listPage(0, 50))).contains(frontline).doesNotContain(supervisors);
    // another group's tasks, asked for by group, by id or in an or-query: checked, none
    assertThat(tasks.createTaskQuery().taskCandidateGroup("supervisors").listPage(0, 50)).isEmpty();
    assertThat(tasks.createTaskQuery().taskCandidateGroupIn(List.of("frontline", "supervisors")).taskName(name)
        .listPage(0, 50))
        .extracting(Task::getId).doesNotContain(supervisors);
    assertThat(tasks.createTaskQuery().taskId(supervisors).listPage(0, 50)).isEmpty();
    assertThat(tasks.createTaskQuery().taskName(name).or().taskCandidateGroup("frontline").taskId(supervisors).endOr()
        .listPage(0, 50))
        .extracting(Task::getId).doesNotContain(supervisors);
    // the shared filter "My group's tasks", also when its extending query asks for another group
    Filter groupTasks = filters.createFilterQuery().filterName("My group's tasks").singleResult();
    assertThat(ids(filters.listPage(groupTasks.getId(), tasks.createTaskQuery().taskName(name), 0, 50)))
        .contains(frontline).doesNotContain(supervisors);
    assertThat(ids(filters.listPage(groupTasks.getId(),
        tasks.createTaskQuery().taskCandidateGroup("supervisors").taskName(name), 0, 50))).doesNotContain(supervisors);
    assertThat(filters.count(groupTasks.getId())).isEqualTo(
        tasks.createTaskQuery().taskCandidateGroupIn(List.of("frontline")).includeAssignedTasks().count());

    // the frontline's grant on its task gone: the group's query lists it without looking at grants, ...
    identity.clearAuthentication();
    authorizations.deleteAuthorization(frontlineGrant.getId());
    asFiona();
    assertThat(ids(tasks.createTaskQuery().taskCandidateGroup("frontline").taskName(name).listPage(0, 50)))
        .contains(frontline);
    // ... any other query checks the grants
    assertThat(tasks.createTaskQuery().taskId(frontline).listPage(0, 50)).isEmpty();
    assertThat(tasks.createTaskQuery().taskCandidateGroup("frontline").taskId(frontline).taskName(name)
        .listPage(0, 50)).hasSize(1);

    // once a revoke concerns the caller (here: their group, on another task), Camunda checks revokes
    // (authorizationCheckRevokes "auto") and the group's query is checked too
    identity.clearAuthentication();
    Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setGroupId("frontline");
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(supervisors);
    revoke.removePermission(Permissions.READ);
    grants.add(authorizations.saveAuthorization(revoke).getId());
    asFiona();
    assertThat(ids(tasks.createTaskQuery().taskCandidateGroup("frontline").taskName(name).listPage(0, 50)))
        .doesNotContain(frontline);
  }

  /**
   * The node keeps the ids of the groups that hold any authorization for a few seconds (Camunda reads them all before
   * every check); a group's first authorization counts at once all the same: a task offered to a new group, looked
   * up by id (checked against the grants) by a member of that group only.
   */
  @Test
  void aGroupsFirstAuthorizationCountsAtOnceThoughTheNodeKeepsTheGroupsWithAuthorizations() {
    asFiona();
    assertThat(tasks.createTaskQuery().taskName(name).count()).isZero(); // the groups with authorizations, read and kept
    identity.clearAuthentication();
    String group = "new-" + UUID.randomUUID().toString().substring(0, 8);
    String offered = task(group); // Camunda's provider grants the group READ on it: the group's first authorization
    identity.setAuthentication("newcomer", List.of(group));
    assertThat(ids(tasks.createTaskQuery().taskId(offered).listPage(0, 5))).containsExactly(offered);
    identity.setAuthentication("outsider", List.of("new-" + UUID.randomUUID().toString().substring(0, 8)));
    assertThat(tasks.createTaskQuery().taskId(offered).listPage(0, 5)).isEmpty();
  }

  private void asFiona() {
    identity.setAuthentication("fiona", List.of("frontline"));
  }

  private String task(String group) {
    Task t = tasks.newTask();
    t.setName(name);
    tasks.saveTask(t);
    tasks.addCandidateGroup(t.getId(), group);
    created.add(t.getId());
    return t.getId();
  }

  private Authorization grant(String task, String group) {
    return authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .resourceType(Resources.TASK).resourceId(task).groupIdIn(group).singleResult();
  }

  private static List<String> ids(List<?> found) {
    return found.stream().map(t -> ((Task) t).getId()).toList();
  }
}

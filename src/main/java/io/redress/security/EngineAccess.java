package io.redress.security;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * Deny by default: each group may send only the requests {@link EngineAllowList} lists for its work, with the
 * conditions checked here: a claim only for oneself, an unclaim only of one's own task, a reassignment only by a
 * supervisor, manager or team lead (audited), a completion only with the writable fields of the task's form, the
 * complaint process started only from Tasklist's intake form (by frontline, without a business key) or the
 * complaint API, never through {@code start}.
 */
final class EngineAccess {

  /** The verified user of the request and their groups. */
  record Caller(String user, List<String> groups) {
  }

  /** The answer for one request: refused with a reason, or let through (with a reassignment to audit). */
  sealed interface Decision {
  }

  record Refused(String reason) implements Decision {
  }

  record Allowed() implements Decision {
  }

  /** A reassignment let through, audited when the engine accepted it. */
  record Reassignment(String complaint, String task, String from, String to) implements Decision {
  }

  private static final Allowed ALLOWED = new Allowed();
  private static final Pattern PLUGIN = Pattern.compile("^/camunda/api(/(?:cockpit|admin|tasklist|welcome)/.*)$");
  private static final Pattern STATIC = Pattern.compile(
      "^/camunda/api/(?:cockpit|admin|tasklist|welcome)/plugin/[^/]+/static/.*$");
  private static final Pattern TASK = Pattern.compile("^/task/([^/]+)/[^/]+$");
  private static final Pattern DEFINITION = Pattern.compile(
      "^/process-definition/(?:(key)/([^/]+)(?:/tenant-id/[^/]+)?|([^/]+))/(?:start|submit-form)$");
  private static final Pattern PROFILE = Pattern.compile("^/user/([^/]+)/profile$");

  private final TaskService tasks;
  private final IdentityService identity;
  private final FormService forms;
  private final RepositoryService repository;
  private final Set<String> startableProcesses;
  private final FormFields formFields = new FormFields();

  EngineAccess(TaskService tasks, IdentityService identity, FormService forms, RepositoryService repository,
      Set<String> startableProcesses) {
    this.tasks = tasks;
    this.identity = identity;
    this.forms = forms;
    this.repository = repository;
    this.startableProcesses = startableProcesses;
  }

  /** The verified caller; null when not logged in (the engine or the webapps answer 401). */
  Caller caller(HttpServletRequest request, String path) {
    if (path.startsWith("/engine-rest/")) {
      // set by the authentication in front of /engine-rest, which verified the password
      Authentication auth = identity.getCurrentAuthentication();
      return auth == null || auth.getUserId() == null ? null
          : new Caller(auth.getUserId(), auth.getGroupIds() == null ? List.of() : auth.getGroupIds());
    }
    UserAuthentication session = path.startsWith("/camunda/api/") ? Callers.sessionAuthentication(request) : null;
    return session == null || session.getIdentityId() == null ? null
        : new Caller(session.getIdentityId(), session.getGroupIds() == null ? List.of() : session.getGroupIds());
  }

  /**
   * Whether the caller may send this request: {@code rest} is the path after the engine's root, null for the
   * webapps' own API.
   */
  Decision decide(Caller caller, String method, String path, String rest, JsonNode body) {
    if (rest == null) {
      if (path.equals("/camunda/api/engine/engine/") || path.equals("/camunda/api/engine/engine")
          || path.startsWith("/camunda/api/admin/auth/") || STATIC.matcher(path).matches()) {
        return ALLOWED; // the list of engines, the login and logout, the plugins' scripts and styles
      }
      Matcher plugin = PLUGIN.matcher(path);
      if (!path.startsWith("/camunda/api/") || (plugin.matches() && EngineAllowList.find(EngineAllowList.PLUGINS,
          method, plugin.group(1), caller.groups()) != null)) {
        return ALLOWED;
      }
      return new Refused("Not allowed for " + caller.user() + ": " + method + " " + path + " is not among the "
          + "requests your groups' work needs (deny by default).");
    }
    EngineAllowList.Rule rule = EngineAllowList.find(EngineAllowList.ENGINE, method, rest, caller.groups());
    if (rule == null) {
      return new Refused("Not allowed for " + caller.user() + ": " + method + " " + rest + " is not among the "
          + "requests your groups' work needs (deny by default). A case changes only by completing your task with "
          + "its form.");
    }
    return SystemAccess.asSystem(identity, () -> condition(rule.check(), caller, rest, body));
  }

  private Decision condition(EngineAllowList.Check check, Caller caller, String rest, JsonNode body) {
    switch (check) {
      case SELF -> {
        Matcher profile = PROFILE.matcher(rest);
        return profile.matches() && !profile.group(1).equals(caller.user())
            && !EngineAllowList.memberOfAny(caller.groups(), EngineAllowList.ANALYSTS)
            ? new Refused("Only your own profile.") : ALLOWED;
      }
      case CLAIM -> {
        String userId = body == null || !body.hasNonNull("userId") ? null : body.get("userId").asText();
        return caller.user().equals(userId) ? ALLOWED
            : new Refused("A task is claimed only for oneself; supervisors, managers and team leads reassign with "
                + "POST task/{id}/assignee.");
      }
      case UNCLAIM -> {
        Task task = task(rest);
        if (task == null || caller.user().equals(task.getAssignee()) || task.getAssignee() == null
            || EngineAllowList.memberOfAny(caller.groups(), EngineAllowList.REASSIGNERS)) {
          return ALLOWED;
        }
        return new Refused("Only " + task.getAssignee() + " (or a supervisor, manager or team lead) hands this "
            + "task back.");
      }
      case REASSIGN -> {
        Task task = task(rest);
        if (task == null) {
          return ALLOWED; // the engine answers 404
        }
        String to = body == null || !body.hasNonNull("userId") ? null : body.get("userId").asText();
        Object number = tasks.getVariable(task.getId(), "complaintNumber");
        return new Reassignment(number == null ? null : number.toString(), task.getId(), task.getAssignee(), to);
      }
      case COMPLETE -> {
        Task task = task(rest);
        if (task == null) {
          return ALLOWED; // the engine answers 404 (or the guard 409 when it was completed meanwhile)
        }
        Set<String> fields = formFields.of(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
            () -> forms.getDeployedTaskForm(task.getId()));
        return refusedIfAny(FormFields.notInForm(FormFields.variables(body), fields, "the form of "
            + task.getName()));
      }
      case START_FORM, START, START_LISTED -> {
        return start(check, rest, body);
      }
      default -> {
        return ALLOWED;
      }
    }
  }

  private Decision start(EngineAllowList.Check check, String rest, JsonNode body) {
    Matcher m = DEFINITION.matcher(rest);
    if (!m.matches()) {
      return new Refused("Not a process start.");
    }
    ProcessDefinition definition = m.group(1) != null
        ? repository.createProcessDefinitionQuery().processDefinitionKey(m.group(2)).latestVersion()
            .withoutTenantId().singleResult()
        : repository.createProcessDefinitionQuery().processDefinitionId(m.group(3)).singleResult();
    if (definition == null) {
      return ALLOWED; // the engine answers 404
    }
    boolean complaint = "complaint-handling".equals(definition.getKey());
    if (check != EngineAllowList.Check.START_FORM && complaint) {
      return new Refused("A complaint is taken in through POST /api/complaints (or Tasklist's intake form), never "
          + "started through the engine API.");
    }
    if (check == EngineAllowList.Check.START) {
      return ALLOWED;
    }
    if (check == EngineAllowList.Check.START_LISTED) {
      return startableProcesses.contains(definition.getKey()) ? ALLOWED
          : new Refused("Only the processes of redress.security.startable-processes are started by workers.");
    }
    if (!complaint) {
      return new Refused("Only the complaint process is started from Tasklist.");
    }
    if (body != null && body.hasNonNull("businessKey") && !body.get("businessKey").asText().isBlank()) {
      return new Refused("A complaint gets its number at intake: no business key may be given.");
    }
    Set<String> fields = formFields.of(definition.getId() + "#start",
        () -> forms.getDeployedStartForm(definition.getId()));
    return refusedIfAny(FormFields.notInForm(FormFields.variables(body), fields, "the intake form"));
  }

  private static Decision refusedIfAny(String reason) {
    return reason == null ? ALLOWED : new Refused(reason);
  }

  private Task task(String rest) {
    Matcher m = TASK.matcher(rest);
    return m.matches() ? tasks.createTaskQuery().taskId(m.group(1)).singleResult() : null;
  }
}

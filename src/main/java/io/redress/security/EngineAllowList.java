package io.redress.security;

import io.redress.identity.Groups;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What each group may send to the engine REST API ({@code /engine-rest}, {@code /camunda/api/engine/engine/{name}})
 * and to the webapps' plugin APIs: deny by default. The rules are what Tasklist, Cockpit, Admin and Camunda Modeler
 * were seen to send while the demo users did their work ({@code docs/webapp-requests.md},
 * {@code .ci/browser/record-requests.mjs}); anything else is refused with 403 before the engine sees it.
 *
 * <p>Some allowed requests have conditions that need the engine ({@link EngineRestGuard} checks them): a claim only
 * for oneself, an unclaim only of one's own task (or by a reassigner), a reassignment only by a reassigner to a member
 * of the task's groups, a completion only with the writable fields of the task's form, a start of
 * {@code complaint-handling} only with Tasklist's intake form by frontline.
 */
final class EngineAllowList {

  /** The groups that work on complaints in Tasklist. */
  static final Set<String> WORKERS = Set.copyOf(Groups.COMPLAINT_WORKERS);
  /** Who may hand a task to someone else (the one audited path: {@code POST task/{id}/assignee}). */
  static final Set<String> REASSIGNERS = Set.of(Groups.SUPERVISORS, Groups.MANAGERS, Groups.TEAM_LEADS);
  /** Who uses Cockpit (read-only here) and deploys from Modeler. */
  static final Set<String> ANALYSTS = Set.of(Groups.ANALYSTS, Groups.CAMUNDA_ADMIN);
  static final Set<String> ADMINS = Set.of(Groups.CAMUNDA_ADMIN);
  static final Set<String> ANYONE = Set.of();

  /** The condition {@link EngineRestGuard} checks for a rule on top of the group. */
  enum Check { NONE, SELF, CLAIM, UNCLAIM, REASSIGN, COMPLETE, START_FORM, START, START_LISTED }

  record Rule(Set<String> groups, String method, Pattern path, Check check) {
    boolean matches(String m, String p) {
      return (method.equals("*") || method.equals(m)) && path.matcher(p).matches();
    }
  }

  private static final String ID = "[^/]+";
  /** POST queries: reads with their criteria in the body. */
  private static final String QUERIES = "(?:/history)?/(?:task|process-instance|execution|variable-instance|job|"
      + "incident|external-task|activity-instance|decision-instance|user-operation|identity-link-log|detail|"
      + "process-definition|job-log|batch|group|user)(?:/count)?";

  /** Engine API rules: the path after {@code /engine-rest} or {@code /camunda/api/engine/engine/{name}}. */
  static final List<Rule> ENGINE = List.of(
      // everyone: the list of engines, their own profile, the version Modeler checks, the welcome page's groups
      rule(ANYONE, "GET", "/?|/engine/?|/version", Check.NONE),
      rule(ANYONE, "GET", "/user/" + ID + "/profile", Check.SELF),
      rule(ANYONE, "GET", "/identity/password-policy", Check.NONE),
      rule(ANYONE, "GET", "/group/count", Check.NONE),
      rule(ANYONE, "POST", "/group", Check.NONE),
      // Tasklist: the saved filters, the task list, a task with its form, its history and its diagram
      rule(WORKERS, "GET", "/filter|/filter/count|/filter/" + ID + "(?:/list|/count|/singleResult)?", Check.NONE),
      rule(WORKERS, "POST", "/filter/" + ID + "/(?:list|count|singleResult)", Check.NONE),
      rule(WORKERS, "GET", "/task|/task/count", Check.NONE),
      rule(WORKERS, "POST", "/task|/task/count", Check.NONE),
      rule(WORKERS, "GET", "/task/" + ID + "(?:/form|/deployed-form|/form-variables|/comment)?",
          Check.NONE),
      rule(WORKERS, "GET", "/history/user-operation(?:/count)?", Check.NONE),
      rule(WORKERS, "GET", "/process-definition|/process-definition/count", Check.NONE),
      rule(WORKERS, "GET", "/process-definition/" + ID + "(?:/xml|/startForm|/deployed-start-form|/form-variables)?",
          Check.NONE),
      // Tasklist: claim for oneself, hand one's own task back, complete it with its form's fields
      rule(WORKERS, "POST", "/task/" + ID + "/claim", Check.CLAIM),
      rule(WORKERS, "POST", "/task/" + ID + "/unclaim", Check.UNCLAIM),
      rule(WORKERS, "POST", "/task/" + ID + "/(?:complete|submit-form)", Check.COMPLETE),
      rule(REASSIGNERS, "POST", "/task/" + ID + "/assignee", Check.REASSIGN),
      // Tasklist's "Start process" with the intake form (frontline; checked against the start form)
      rule(Set.of(Groups.FRONTLINE), "POST", "/process-definition/(?:key/)?" + ID + "/submit-form",
          Check.START_FORM),
      // Cockpit (read-only) and Camunda Modeler: any read, the POST queries, deployments, starting other processes
      rule(ANALYSTS, "GET", "/.*", Check.NONE),
      rule(ANALYSTS, "POST", QUERIES, Check.NONE),
      // ... and in Tasklist the lists of the filters they may read (an administrator reads every filter; analysts
      // are given none): a read like the queries above
      rule(ANALYSTS, "POST", "/filter/" + ID + "/(?:list|count|singleResult)", Check.NONE),
      rule(ANALYSTS, "POST", "/process-definition/" + ID + "/statistics|/process-instance/" + ID
          + "/activity-instances", Check.NONE),
      rule(Set.of(Groups.ANALYSTS), "POST", "/deployment/create", Check.NONE),
      // going back (docs/analysts.md): the good deployment again, and the open cases of a bad version moved
      // with the migration API; both run through the deployment guard and Camunda's own migration checks
      rule(Set.of(Groups.ANALYSTS), "POST", "/deployment/" + ID + "/redeploy", Check.NONE),
      rule(Set.of(Groups.ANALYSTS), "POST", "/migration/(?:generate|validate|execute|executeAsync)", Check.NONE),
      rule(ANALYSTS, "POST", "/process-definition/(?:key/" + ID + "(?:/tenant-id/" + ID + ")?|" + ID + ")/start",
          Check.START),
      // a process other than complaints that a deployment lets workers start (redress.security.startable-processes)
      rule(WORKERS, "POST", "/process-definition/(?:key/" + ID + "(?:/tenant-id/" + ID + ")?|" + ID + ")/start",
          Check.START_LISTED),
      // operating the engine: failed jobs, suspension (Cockpit), timers (the cluster tests). A failed step's incident
      // is retried by Cockpit's "Increment number of retries" (on the incident and for all of an instance's failed
      // jobs: PUT job/{id}/retries with retries 1, optionally a due date); POST job/retries sets the retries of many
      // jobs at once as a batch (docs/failures-and-incidents.md)
      rule(ANALYSTS, "PUT", "/job/" + ID + "/retries", Check.NONE),
      rule(ANALYSTS, "POST", "/job/retries", Check.NONE),
      rule(ADMINS, "PUT", "/job/suspended|/job/" + ID + "/(?:suspended|duedate)|/job-definition/" + ID
          + "/(?:suspended|retries)|/process-definition/" + ID + "/suspended|/process-instance/" + ID
          + "/suspended", Check.NONE),
      // Admin: users, groups, memberships, tenants, authorizations
      rule(ADMINS, "POST", "/user/create|/group/create|/tenant/create|/authorization/create|/identity/verify",
          Check.NONE),
      rule(ADMINS, "PUT", "/user/" + ID + "/(?:profile|credentials)|/group/" + ID + "|/group/" + ID + "/members/"
          + ID + "|/tenant/" + ID + "|/tenant/" + ID + "/(?:user|group)-members/" + ID + "|/authorization/" + ID,
          Check.NONE),
      rule(ADMINS, "DELETE", "/user/" + ID + "|/group/" + ID + "|/group/" + ID + "/members/" + ID + "|/tenant/"
          + ID + "|/tenant/" + ID + "/(?:user|group)-members/" + ID + "|/authorization/" + ID, Check.NONE),
      rule(ADMINS, "OPTIONS", "/.*", Check.NONE),
      // Tasklist asks on opening which filter actions the user has (whether to offer "create filter"); analysts
      // may open Tasklist too (they have no filters, and no right to make one)
      rule(WORKERS, "OPTIONS", "/filter/?", Check.NONE),
      rule(ANALYSTS, "OPTIONS", "/filter/?", Check.NONE));

  /** The webapps' plugin APIs: the path after {@code /camunda/api}. */
  static final List<Rule> PLUGINS = List.of(
      rule(ANALYSTS, "*", "/cockpit/plugin/" + ID + "/" + ID + "/.*", Check.NONE),
      rule(ADMINS, "*", "/admin/plugin/" + ID + "/" + ID + "/.*", Check.NONE),
      rule(WORKERS, "*", "/tasklist/plugin/" + ID + "/" + ID + "/.*", Check.NONE),
      rule(ANYONE, "*", "/welcome/plugin/" + ID + "/" + ID + "/.*", Check.NONE));

  private EngineAllowList() {
  }

  private static Rule rule(Set<String> groups, String method, String path, Check check) {
    return new Rule(groups, method, Pattern.compile("^(?:" + path + ")$"), check);
  }

  /** The first rule that lets a member of these groups send this request, or null: refused. */
  static Rule find(List<Rule> rules, String method, String path, Collection<String> groups) {
    for (Rule r : rules) {
      if (r.matches(method, path) && (r.groups().isEmpty() || groups.stream().anyMatch(r.groups()::contains))) {
        return r;
      }
    }
    return null;
  }

  static boolean memberOfAny(Collection<String> groups, Set<String> of) {
    return groups.stream().anyMatch(of::contains);
  }
}

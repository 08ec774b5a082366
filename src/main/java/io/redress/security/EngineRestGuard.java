package io.redress.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redress.identity.Groups;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Stands in front of the engine REST API ({@code /engine-rest}) and the webapps' own REST API
 * ({@code /camunda/api}) and closes what Camunda 7.24 Community Edition leaves open:
 *
 * <ul>
 *   <li>Deny by default: each group may send only the requests {@link EngineAllowList} lists for its work in
 *       Tasklist, Cockpit, Admin and Modeler (403 for anything else), with the conditions checked here: a claim only
 *       for oneself, an unclaim only of one's own task, a reassignment only by a supervisor, manager or team lead to
 *       a member of the task's groups (audited), a completion only with the writable fields of the task's form, the
 *       complaint process started only from Tasklist's intake form (by frontline, without a business key) or the
 *       complaint API, never through {@code start}.</li>
 *   <li>Expressions in queries: any parameter or JSON field whose name ends with {@code Expression} (at any depth,
 *       so also inside {@code orQueries}), and any {@code ${...}} or {@code #{...}} in a query's parameters or
 *       body, is refused with 400 before the engine sees it. The shared Tasklist filters keep their expressions:
 *       the server stores them ({@code IdentitySetup}), nobody sends them.</li>
 *   <li>The Admin webapp's setup resource, which creates an administrator when {@code camunda-admin} has no
 *       direct member: always 403 (the first administrator comes from configuration, see
 *       {@link AdministratorGuarantee}); and the last direct member of {@code camunda-admin} can be neither
 *       removed from it nor deleted (409).</li>
 *   <li>Claiming, assigning or delegating a task to a user outside the task's candidate groups: 403.</li>
 *   <li>Request bodies: at most {@code redress.security.max-request-bytes} (multipart uploads such as
 *       deployments {@code max-upload-bytes}), else 413.</li>
 *   <li>Query pages: a query without {@code maxResults} answers its first {@code queryMaxResultsLimit} rows; the
 *       webapps ({@code /camunda/api}) get larger pages shrunk to that limit, while {@code /engine-rest} clients
 *       asking for more get the engine's 400.</li>
 *   <li>The webapps' question who is logged in ({@code GET /camunda/api/admin/auth/user/default}) answers 204
 *       instead of 404 when nobody is.</li>
 *   <li>Error bodies: a server error answers a generic message with a reference (the details go to the log), and
 *       no error body carries SQL or a stack trace.</li>
 *   <li>A second completion of a task that was completed meanwhile answers 409 with who completed it.</li>
 * </ul>
 */
class EngineRestGuard extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(EngineRestGuard.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ENGINE_PATH = Pattern.compile("^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)(/.*)$");
  private static final Pattern QUERY = Pattern.compile("^(?:/history)?/(?:task|process-instance|execution|"
      + "variable-instance|case-instance|case-execution|job|incident|process-definition|decision-definition|"
      + "deployment|external-task|authorization|user|group|tenant|batch|identity-link|activity-instance|detail|"
      + "decision-instance|user-operation|filter|job-log|external-task-log|process-instance-modification)"
      + "(?:/count|/report)?$|^/filter/[^/]+(?:/list|/count|/singleResult)?$");
  private static final Pattern ASSIGN = Pattern.compile("^/task/([^/]+)/(claim|assignee|delegate)$");
  private static final Pattern TASK_ACTION = Pattern.compile("^/task/([^/]+)/(claim|complete|submit-form|resolve)$");
  private static final Pattern ADMIN_MEMBER = Pattern.compile("^/group/" + Groups.CAMUNDA_ADMIN + "/members/([^/]+)$");
  private static final Pattern CONCURRENT = Pattern.compile("OptimisticLockingException|ENGINE-03005|"
      + "updated by another transaction concurrently|already claimed");
  private static final Pattern USER = Pattern.compile("^/user/([^/]+)$");
  /** Striped locks serialising actions on the same task within this node. */
  private static final ReentrantLock[] TASK_LOCKS = new ReentrantLock[64];

  static {
    for (int i = 0; i < TASK_LOCKS.length; i++) {
      TASK_LOCKS[i] = new ReentrantLock();
    }
  }
  private static final Pattern WHO_AM_I = Pattern.compile("^/camunda/api/admin/auth/user/[^/]+$");
  /** What betrays internals: MyBatis' error report, JDBC exceptions, Camunda's table names, stack frames. */
  private static final Pattern LEAK = Pattern.compile("###|SQLException|SQLSyntax|JdbcSQL|PSQLException|"
      + "\\bACT_[A-Z]{2}_[A-Z_]+|\\b(?:SELECT|INSERT INTO|DELETE FROM|UPDATE \\w+ SET)\\b|Caused by:|"
      + "\\bat (?:org|java|jakarta|sun|io|com)\\.[\\w.$]+\\(");

  private final TaskService tasks;
  private final HistoryService history;
  private final IdentityService identity;
  private final AuditLog audit;
  private final long maxRequestBytes;
  private final long maxUploadBytes;
  private final int queryMaxResultsLimit;
  private final FormService forms;
  private final RepositoryService repository;
  private final Set<String> startableProcesses;
  /** The writable fields of each task's and start event's form: process definition id and task key. */
  private final Map<String, Set<String>> formFields = new ConcurrentHashMap<>();

  EngineRestGuard(TaskService tasks, HistoryService history, IdentityService identity, AuditLog audit,
      long maxRequestBytes, long maxUploadBytes, int queryMaxResultsLimit, FormService forms,
      RepositoryService repository, Set<String> startableProcesses) {
    this.queryMaxResultsLimit = queryMaxResultsLimit;
    this.forms = forms;
    this.repository = repository;
    this.startableProcesses = startableProcesses;
    this.tasks = tasks;
    this.history = history;
    this.identity = identity;
    this.audit = audit;
    this.maxRequestBytes = maxRequestBytes;
    this.maxUploadBytes = maxUploadBytes;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/camunda/api/admin/setup/")) {
      refuse(request, response, 403, "Forbidden", "The setup of a first administrator is switched off: the "
          + "administrator comes from the configuration (redress.admin.password).", "admin setup resource");
      return;
    }
    Matcher engine = ENGINE_PATH.matcher(path);
    String rest = engine.matches() ? engine.group(1) : path;
    String method = request.getMethod();
    if (path.matches("/engine-rest/engine/?") && !authenticated(request)) {
      // Camunda's authentication filter lets the list of engines through; here only /actuator/health is open
      response.setHeader("WWW-Authenticate", "Basic realm=\"default\"");
      refuse(request, response, 401, "AuthenticationException", "Log in with HTTP Basic.", null);
      return;
    }

    String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
    boolean multipart = contentType.startsWith("multipart/");
    long limit = multipart ? maxUploadBytes : maxRequestBytes;
    if (request.getContentLengthLong() > limit) {
      tooLarge(request, response, limit);
      return;
    }
    HttpServletRequest forward = request;
    JsonNode body = null;
    if (contentType.contains("json")) {
      byte[] bytes = request.getInputStream().readNBytes((int) limit + 1);
      if (bytes.length > limit) {
        tooLarge(request, response, limit);
        return;
      }
      forward = new CachedBody(request, bytes);
      if (bytes.length > 0) {
        try {
          body = JSON.readTree(bytes);
        } catch (IOException e) {
          body = null; // not JSON after all: the engine answers it
        }
      }
    }

    String expression = expressionIn(request, body, QUERY.matcher(rest).matches());
    if (expression != null) {
      refuse(request, response, 400, "InvalidRequestException", "Expressions are not accepted in requests ("
          + expression + "). Saved Tasklist filters keep theirs.", "expression in " + expression);
      return;
    }
    Caller caller = caller(request, path, engine.matches());
    Reassignment reassignment = null;
    if (caller != null) {
      Object decision = allowed(caller, method, path, engine.matches() ? rest : null, body);
      if (decision instanceof String refusal) {
        refuse(request, response, 403, "AuthorizationException", refusal, "not allowed: " + method + " "
            + (engine.matches() ? rest : path));
        return;
      }
      if (decision instanceof Reassignment r) {
        reassignment = r;
      }
    }
    if (engine.matches() && !guardAdministrators(request, response, method, rest)) {
      return;
    }
    Matcher assign = ASSIGN.matcher(rest);
    if ("POST".equals(method) && assign.matches() && body != null && body.hasNonNull("userId")) {
      String refusal = assignmentRefusal(assign.group(1), body.get("userId").asText());
      if (refusal != null) {
        refuse(request, response, 403, "AuthorizationException", refusal, "task " + assign.group(2));
        return;
      }
    }

    boolean pluginQuery = path.startsWith("/camunda/api/") && path.contains("/plugin/");
    Integer asked = maxResults(request.getQueryString());
    if (asked != null && asked > queryMaxResultsLimit && path.startsWith("/camunda/api/")) {
      // the webapps' own pages are larger than the limit (Tasklist reads its filters, Cockpit a process's job
      // definitions 2,000 at a time): there the page shrinks to the limit; /engine-rest clients keep the engine's 400
      forward = new Page(forward, queryMaxResultsLimit);
    } else if (asked == null && (QUERY.matcher(rest).matches() || pluginQuery) && !rest.endsWith("/count")
        && ("GET".equals(method) || "POST".equals(method))) {
      // no client gets an unbound list: without maxResults a query answers its first page of queryMaxResultsLimit
      // rows (the engine would refuse it altogether, and Cockpit asks for its process definitions so)
      forward = new Page(forward, queryMaxResultsLimit);
    }
    if (rest.endsWith("/fetchAndLock") || !(engine.matches() || path.startsWith("/camunda/api/"))) {
      chain.doFilter(forward, response);
      return;
    }
    ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
    try {
      boolean whoAmI = "GET".equals(method) && WHO_AM_I.matcher(path).matches();
      Matcher taskAction = TASK_ACTION.matcher(rest);
      if ("POST".equals(method) && taskAction.matches()) {
        // two people acting on one task on this node go one after the other: the second then finds the task
        // claimed or completed (a clear 409) instead of racing the first's commit inside the engine, where a
        // half-read execution tree can fail with an internal error
        ReentrantLock lock = TASK_LOCKS[Math.floorMod(taskAction.group(1).hashCode(), TASK_LOCKS.length)];
        lock.lock();
        try {
          HistoricTaskInstance done = completedMeanwhile(taskAction.group(1));
          if (done != null) {
            // the usual loser of a race on this node: answered here, so the engine does not fail on a task that is
            // gone and log an ERROR (and an HTTP 500 warning) for what the caller gets as a plain 409
            alreadyCompleted(done, cached);
          } else {
            chain.doFilter(forward, cached);
          }
        } finally {
          lock.unlock();
        }
      } else {
        chain.doFilter(forward, whoAmI ? new NobodyIsNoContent(cached) : cached);
      }
      if (reassignment != null && cached.getStatus() < 300) {
        audit.reassignment(caller.user(), reassignment.complaint(), reassignment.task(), reassignment.from(),
            reassignment.to());
      }
      Matcher action = TASK_ACTION.matcher(rest);
      if ("POST".equals(method) && action.matches() && cached.getStatus() >= 400 && cached.getStatus() != 409
          && cached.getStatus() != 403) {
        alreadyCompleted(action.group(1), cached);
      } else if ("POST".equals(method) && action.matches() && cached.getStatus() == 403
          && mayHaveWorkedOn(action.group(1), Callers.of(request))) {
        // two people completing one task at once: the loser's authorization check may run after the winner's
        // commit removed the task and its candidate links, so the engine answers 403; for someone who could work on
        // the task that is a conflict, not a denial
        alreadyCompleted(action.group(1), cached);
      }
      if (cached.getStatus() >= 500 && CONCURRENT.matcher(new String(cached.getContentAsByteArray(),
          StandardCharsets.UTF_8)).find()) {
        // Camunda wraps the OptimisticLockingException of a form submission into a 500 RestException
        conflict(cached, ConflictExceptionMapper.CONCURRENT_MESSAGE);
      }
      sanitize(request, cached);
    } finally {
      cached.copyBodyToResponse();
    }
  }

  /** The first query parameter or JSON field that would carry an expression, or null. */
  static String expressionIn(HttpServletRequest request, JsonNode body, boolean query) {
    String queryString = request.getQueryString();
    if (queryString != null) {
      for (String pair : queryString.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (name.toLowerCase(Locale.ROOT).endsWith("expression") || hasExpression(value) || hasExpression(name)) {
          return name;
        }
      }
    }
    return body == null ? null : expressionIn(body, "", query);
  }

  private static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static String expressionIn(JsonNode node, String path, boolean query) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (field.getKey().toLowerCase(Locale.ROOT).endsWith("expression") && !field.getValue().isNull()) {
          return name;
        }
        String found = expressionIn(field.getValue(), name, query);
        if (found != null) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = expressionIn(node.get(i), path + "[" + i + "]", query);
        if (found != null) {
          return found;
        }
      }
    } else if (query && node.isTextual() && hasExpression(node.asText())) {
      return path;
    }
    return null;
  }

  static boolean hasExpression(String value) {
    return value != null && (value.contains("${") || value.contains("#{"));
  }

  /** The verified user of the request and their groups; null when not logged in (the engine answers 401). */
  record Caller(String user, List<String> groups) {
  }

  /** A reassignment the guard let through, audited when the engine accepted it. */
  record Reassignment(String complaint, String task, String from, String to) {
  }

  private static final Pattern PLUGIN = Pattern.compile("^/camunda/api(/(?:cockpit|admin|tasklist|welcome)/.*)$");
  private static final Pattern STATIC = Pattern.compile(
      "^/camunda/api/(?:cockpit|admin|tasklist|welcome)/plugin/[^/]+/static/.*$");
  private static final Pattern TASK = Pattern.compile("^/task/([^/]+)/[^/]+$");
  private static final Pattern DEFINITION = Pattern.compile(
      "^/process-definition/(?:(key)/([^/]+)(?:/tenant-id/[^/]+)?|([^/]+))/(?:start|submit-form)$");
  private static final Pattern PROFILE = Pattern.compile("^/user/([^/]+)/profile$");

  private Caller caller(HttpServletRequest request, String path, boolean enginePath) {
    if (path.startsWith("/engine-rest/")) {
      // set by Camunda's authentication filter, which verified the password
      org.camunda.bpm.engine.impl.identity.Authentication auth = identity.getCurrentAuthentication();
      return auth == null || auth.getUserId() == null ? null
          : new Caller(auth.getUserId(), auth.getGroupIds() == null ? List.of() : auth.getGroupIds());
    }
    org.camunda.bpm.webapp.impl.security.auth.UserAuthentication session = path.startsWith("/camunda/api/")
        ? Callers.sessionAuthentication(request) : null;
    return session == null || session.getIdentityId() == null ? null
        : new Caller(session.getIdentityId(), session.getGroupIds() == null ? List.of() : session.getGroupIds());
  }

  /**
   * Null when the request may pass, a {@link Reassignment} to audit after it passed, or the reason (a String) why it
   * is refused.
   */
  private Object allowed(Caller caller, String method, String path, String rest, JsonNode body) {
    if (rest == null) {
      if (path.equals("/camunda/api/engine/engine/") || path.equals("/camunda/api/engine/engine")
          || path.startsWith("/camunda/api/admin/auth/") || STATIC.matcher(path).matches()) {
        return null; // the list of engines, the login and logout, the plugins' scripts and styles
      }
      Matcher plugin = PLUGIN.matcher(path);
      if (!path.startsWith("/camunda/api/") || (plugin.matches() && EngineAllowList.find(EngineAllowList.PLUGINS,
          method, plugin.group(1), caller.groups()) != null)) {
        return null;
      }
      return "Not allowed for " + caller.user() + ": " + method + " " + path + " is not among the requests your "
          + "groups' work needs (deny by default).";
    }
    EngineAllowList.Rule rule = EngineAllowList.find(EngineAllowList.ENGINE, method, rest, caller.groups());
    if (rule == null) {
      return "Not allowed for " + caller.user() + ": " + method + " " + rest + " is not among the requests your "
          + "groups' work needs (deny by default). A case changes only by completing your task with its form.";
    }
    return asSystem(() -> condition(rule.check(), caller, rest, body));
  }

  private Object condition(EngineAllowList.Check check, Caller caller, String rest, JsonNode body) {
    switch (check) {
      case SELF -> {
        Matcher profile = PROFILE.matcher(rest);
        return profile.matches() && !profile.group(1).equals(caller.user())
            && !EngineAllowList.memberOfAny(caller.groups(), EngineAllowList.ANALYSTS)
            ? "Only your own profile." : null;
      }
      case CLAIM -> {
        String userId = body == null || !body.hasNonNull("userId") ? null : body.get("userId").asText();
        return caller.user().equals(userId) ? null
            : "A task is claimed only for oneself; supervisors, managers and team leads reassign with "
                + "POST task/{id}/assignee.";
      }
      case UNCLAIM -> {
        Task task = task(rest);
        if (task == null || caller.user().equals(task.getAssignee()) || task.getAssignee() == null
            || EngineAllowList.memberOfAny(caller.groups(), EngineAllowList.REASSIGNERS)) {
          return null;
        }
        return "Only " + task.getAssignee() + " (or a supervisor, manager or team lead) hands this task back.";
      }
      case REASSIGN -> {
        Task task = task(rest);
        if (task == null) {
          return null; // the engine answers 404
        }
        String to = body == null || !body.hasNonNull("userId") ? null : body.get("userId").asText();
        Object number = tasks.getVariable(task.getId(), "complaintNumber");
        return new Reassignment(number == null ? null : number.toString(), task.getId(), task.getAssignee(), to);
      }
      case COMPLETE -> {
        Task task = task(rest);
        if (task == null) {
          return null; // the engine answers 404 (or the guard 409 when it was completed meanwhile)
        }
        Set<String> fields = formFields.computeIfAbsent(task.getProcessDefinitionId() + "#"
            + task.getTaskDefinitionKey(), k -> writableFields(() -> forms.getDeployedTaskForm(task.getId())));
        return notInForm(variables(body), fields, "the form of " + task.getName());
      }
      case START_FORM, START, START_LISTED -> {
        Matcher m = DEFINITION.matcher(rest);
        if (!m.matches()) {
          return "Not a process start.";
        }
        org.camunda.bpm.engine.repository.ProcessDefinition definition = m.group(1) != null
            ? repository.createProcessDefinitionQuery().processDefinitionKey(m.group(2)).latestVersion()
                .withoutTenantId().singleResult()
            : repository.createProcessDefinitionQuery().processDefinitionId(m.group(3)).singleResult();
        if (definition == null) {
          return null; // the engine answers 404
        }
        boolean complaint = "complaint-handling".equals(definition.getKey());
        if (check != EngineAllowList.Check.START_FORM && complaint) {
          return "A complaint is taken in through POST /api/complaints (or Tasklist's intake form), never started "
              + "through the engine API.";
        }
        if (check == EngineAllowList.Check.START) {
          return null;
        }
        if (check == EngineAllowList.Check.START_LISTED) {
          return startableProcesses.contains(definition.getKey()) ? null
              : "Only the processes of redress.security.startable-processes are started by workers.";
        }
        if (!complaint) {
          return "Only the complaint process is started from Tasklist.";
        }
        if (body != null && body.hasNonNull("businessKey") && !body.get("businessKey").asText().isBlank()) {
          return "A complaint gets its number at intake: no business key may be given.";
        }
        Set<String> fields = formFields.computeIfAbsent(definition.getId() + "#start",
            k -> writableFields(() -> forms.getDeployedStartForm(definition.getId())));
        return notInForm(variables(body), fields, "the intake form");
      }
      default -> {
        return null;
      }
    }
  }

  private Task task(String rest) {
    Matcher m = TASK.matcher(rest);
    return m.matches() ? tasks.createTaskQuery().taskId(m.group(1)).singleResult() : null;
  }

  private static java.util.Collection<String> variables(JsonNode body) {
    if (body == null || !body.has("variables") || !body.get("variables").isObject()) {
      return List.of();
    }
    List<String> names = new java.util.ArrayList<>();
    body.get("variables").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String notInForm(java.util.Collection<String> variables, Set<String> fields, String form) {
    List<String> extra = variables.stream().filter(v -> !fields.contains(v)).sorted().toList();
    return extra.isEmpty() ? null : "Not a field you can fill in on " + form + ": " + String.join(", ", extra)
        + ". A task is completed with its form's fields and nothing else.";
  }

  /** The keys of a deployed Camunda form's fields that the user fills in (not disabled, not read-only). */
  static Set<String> writableFields(java.util.function.Supplier<InputStream> form) {
    try (InputStream in = form.get()) {
      Set<String> keys = new java.util.HashSet<>();
      collectFields(JSON.readTree(in), keys);
      return Set.copyOf(keys);
    } catch (RuntimeException | IOException e) {
      return Set.of(); // no deployed form: nothing to fill in
    }
  }

  private static void collectFields(JsonNode node, Set<String> keys) {
    if (node == null) {
      return;
    }
    if (node.hasNonNull("key") && !node.path("disabled").asBoolean(false) && !node.path("readonly").asBoolean(false)
        && !"button".equals(node.path("type").asText())) {
      keys.add(node.get("key").asText());
    }
    for (JsonNode child : node.path("components")) {
      collectFields(child, keys);
    }
  }

  /** Runs engine reads for the guard without the caller's authorizations (the engine checks them afterwards). */
  private <T> T asSystem(java.util.function.Supplier<T> work) {
    org.camunda.bpm.engine.impl.identity.Authentication saved = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (saved != null) {
        identity.setAuthentication(saved);
      }
    }
  }

  /** camunda-admin keeps a direct member: its last one is neither removed nor deleted, the group stays. */
  private boolean guardAdministrators(HttpServletRequest request, HttpServletResponse response, String method,
      String rest) throws IOException {
    if (!"DELETE".equals(method)) {
      return true;
    }
    String user = null;
    Matcher member = ADMIN_MEMBER.matcher(rest);
    Matcher deleteUser = USER.matcher(rest);
    if (member.matches()) {
      user = member.group(1);
    } else if (deleteUser.matches()) {
      user = deleteUser.group(1);
    } else if (!rest.equals("/group/" + Groups.CAMUNDA_ADMIN)) {
      return true;
    }
    long members = identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count();
    boolean isMember = user == null
        || identity.createUserQuery().userId(user).memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0;
    if (isMember && (user == null || members <= 1)) {
      refuse(request, response, 409, "Conflict", "camunda-admin must keep a direct member: add another "
          + "administrator first.", "last administrator");
      return false;
    }
    return true;
  }

  /** Why the user may not hold the task, or null: they must be in one of its candidate groups. */
  private String assignmentRefusal(String taskId, String userId) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (task == null) {
      return null; // the engine answers 404
    }
    List<String> groups;
    try {
      groups = tasks.getIdentityLinksForTask(taskId).stream()
          .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
          .map(IdentityLink::getGroupId).toList();
    } catch (org.camunda.bpm.engine.exception.NullValueException completedMeanwhile) {
      // completed by someone else since the query above (the soak saw it once in 11,000 claims: a 500): the claim
      // goes on and is answered 409 under the task's lock
      return null;
    }
    if (groups.isEmpty() && List.of("investigateComplaint", "executeResolution")
        .contains(task.getTaskDefinitionKey())) {
      groups = List.of(Groups.HANDLERS);
    }
    if (groups.isEmpty()) {
      return null;
    }
    if (identity.createGroupQuery().groupMember(userId).groupIdIn(groups.toArray(String[]::new)).count() > 0) {
      return null;
    }
    return "The task may only be held by a member of " + String.join(", ", groups) + ".";
  }

  /** Whether the user was the finished task's assignee or a member of one of its candidate groups. */
  private boolean mayHaveWorkedOn(String taskId, String userId) {
    return userId != null && asSystem(() -> workedOn(taskId, userId));
  }

  private boolean workedOn(String taskId, String userId) {
    if (tasks.createTaskQuery().taskId(taskId).count() > 0) {
      return false;
    }
    HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(taskId).finished().singleResult();
    if (done == null) {
      return false;
    }
    if (userId.equals(done.getAssignee())) {
      return true;
    }
    String[] groups = history.createHistoricIdentityLinkLogQuery().taskId(taskId).type("candidate").list().stream()
        .map(l -> l.getGroupId()).filter(java.util.Objects::nonNull).distinct().toArray(String[]::new);
    return groups.length > 0 && identity.createGroupQuery().groupMember(userId).groupIdIn(groups).count() > 0;
  }

  /** After a failed completion or claim: if the task was completed meanwhile, 409 naming who completed it. */
  private void alreadyCompleted(String taskId, ContentCachingResponseWrapper response) throws IOException {
    HistoricTaskInstance done = completedMeanwhile(taskId);
    if (done != null) {
      alreadyCompleted(done, response);
    }
  }

  private static void alreadyCompleted(HistoricTaskInstance done, ContentCachingResponseWrapper response)
      throws IOException {
    conflict(response, "The task was already completed" + (done.getAssignee() == null ? ""
        : " by " + done.getAssignee()) + "; nothing of yours was changed.");
  }

  /** The task, finished, when it is no longer open but was completed; null while it is open or never existed. */
  private HistoricTaskInstance completedMeanwhile(String taskId) {
    if (asSystem(() -> tasks.createTaskQuery().taskId(taskId).count()) > 0) {
      return null;
    }
    // the caller's authentication may still be set here, and a handler has no right to read history
    return asSystem(() -> history.createHistoricTaskInstanceQuery().taskId(taskId).finished().singleResult());
  }

  private static void conflict(ContentCachingResponseWrapper response, String message) throws IOException {
    response.resetBuffer();
    response.setStatus(409);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("type", "Conflict", "message", message)));
  }

  /** No server error tells more than a reference; no error body at all carries SQL or a stack trace. */
  private static void sanitize(HttpServletRequest request, ContentCachingResponseWrapper response)
      throws IOException {
    int status = response.getStatus();
    if (status < 400) {
      return;
    }
    String body = new String(response.getContentAsByteArray(), StandardCharsets.UTF_8);
    if (status < 500 && !LEAK.matcher(body).find()) {
      return;
    }
    String reference = UUID.randomUUID().toString();
    LOG.warn("{} answered {} (reference {}): {}", Callers.what(request), status, reference,
        AuditLog.clean(body, 2000));
    response.resetBuffer();
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    String message = status >= 500 ? "The server could not process the request (reference " + reference + ")."
        : "The request could not be processed (reference " + reference + ").";
    response.getOutputStream().write(JSON.writeValueAsBytes(Map.of(
        "type", status >= 500 ? "ServerError" : "InvalidRequestException", "message", message)));
  }

  private void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
    response.setHeader("Connection", "close");
    refuse(request, response, 413, "RequestTooLarge", "The request body is larger than " + limit / 1024
        + " KiB.", null);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String type,
      String message, String auditReason) throws IOException {
    if (auditReason != null) {
      if (status == 403) {
        audit.denied(Callers.of(request), Callers.what(request), auditReason);
      } else {
        audit.refused(Callers.of(request), Callers.what(request), auditReason);
      }
    }
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("type", type, "message", message)));
  }

  private boolean authenticated(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    String user = Callers.basicUser(request);
    if (user == null) {
      return false;
    }
    String decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6).trim()),
        StandardCharsets.UTF_8);
    return identity.checkPassword(user, decoded.substring(decoded.indexOf(':') + 1));
  }

  /** The value of maxResults in a query string, null when absent or not a number. */
  static Integer maxResults(String queryString) {
    if (queryString == null) {
      return null;
    }
    Integer found = null;
    for (String pair : queryString.split("&")) {
      if (pair.startsWith("maxResults=")) {
        try {
          found = Integer.valueOf(decode(pair.substring("maxResults=".length())).trim());
        } catch (NumberFormatException e) {
          return null; // the engine answers what it makes of it
        }
      }
    }
    return found;
  }

  /** The request with maxResults set to a page size (and firstResult to 0 when absent). */
  private static final class Page extends HttpServletRequestWrapper {
    private final String queryString;
    private final Map<String, String[]> parameters;

    Page(HttpServletRequest request, int size) {
      super(request);
      String q = request.getQueryString();
      StringBuilder kept = new StringBuilder();
      if (q != null) {
        for (String pair : q.split("&")) {
          if (!pair.isEmpty() && !pair.startsWith("maxResults=")) {
            kept.append(kept.length() == 0 ? "" : "&").append(pair);
          }
        }
      }
      String page = "maxResults=" + size + (q != null && q.contains("firstResult=") ? "" : "&firstResult=0");
      this.queryString = kept.length() == 0 ? page : kept + "&" + page;
      Map<String, String[]> map = new java.util.LinkedHashMap<>(request.getParameterMap());
      map.put("maxResults", new String[] {String.valueOf(size)});
      map.putIfAbsent("firstResult", new String[] {"0"});
      this.parameters = java.util.Collections.unmodifiableMap(map);
    }

    @Override
    public String getQueryString() {
      return queryString;
    }

    @Override
    public String getParameter(String name) {
      String[] v = parameters.get(name);
      return v == null || v.length == 0 ? null : v[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return parameters;
    }

    @Override
    public java.util.Enumeration<String> getParameterNames() {
      return java.util.Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
      return parameters.get(name);
    }
  }

  /**
   * Every webapp page asks who is logged in before the login; Camunda answers "nobody" with 404, which the browser
   * reports as a failed request on every visit. Here "nobody" is 204, no content: the webapps treat any answer but
   * 200 as not logged in.
   */
  private static final class NobodyIsNoContent extends jakarta.servlet.http.HttpServletResponseWrapper {

    NobodyIsNoContent(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setStatus(int status) {
      super.setStatus(status == 404 ? 204 : status);
    }

    @Override
    public void sendError(int status) throws IOException {
      if (status == 404) {
        super.setStatus(204);
      } else {
        super.sendError(status);
      }
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      if (status == 404) {
        super.setStatus(204);
      } else {
        super.sendError(status, message);
      }
    }
  }

  /** The request with its body read once and replayed to the engine. */
  private static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      InputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          try {
            return in.available() == 0;
          } catch (IOException e) {
            return true;
          }
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}

package io.redress.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Stands in front of the engine REST API ({@code /engine-rest}) and the webapps' own REST API
 * ({@code /camunda/api}) and closes what Camunda 7.24 Community Edition leaves open. In the order a request meets
 * them:
 *
 * <ul>
 *   <li>The Admin webapp's setup resource, which creates an administrator when {@code camunda-admin} has no
 *       direct member: always 403 (the first administrator comes from configuration, see
 *       {@link AdministratorGuarantee}).</li>
 *   <li>Request bodies: at most {@code redress.security.max-request-bytes} (multipart uploads such as
 *       deployments {@code max-upload-bytes}), else 413 ({@link EngineRequestBody}).</li>
 *   <li>Expressions in requests: 400 ({@link Expressions}).</li>
 *   <li>Deny by default per group, with conditions ({@link EngineAccess}, {@link EngineAllowList}): 403.</li>
 *   <li>The last direct member of {@code camunda-admin} can be neither removed from it nor deleted
 *       ({@link AdministratorsGuard}): 409.</li>
 *   <li>Claiming, assigning or delegating a task to a user outside the task's candidate groups
 *       ({@link TaskCandidates}): 403.</li>
 *   <li>Query pages ({@link QueryPaging}).</li>
 *   <li>Actions on one task one after the other, and a late second action answered 409 ({@link TaskConflicts}).</li>
 *   <li>The webapps' question who is logged in answers 204 instead of 404 when nobody is
 *       ({@link NobodyIsNoContent}).</li>
 *   <li>Error bodies without SQL or stack traces ({@link ErrorSanitizer}).</li>
 * </ul>
 */
class EngineRestGuard extends OncePerRequestFilter {

  private static final Pattern ENGINE_PATH = Pattern.compile("^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)(/.*)$");
  private static final Pattern ASSIGN = Pattern.compile("^/task/([^/]+)/(claim|assignee|delegate)$");

  private final AuditLog audit;
  private final GuardAnswers answers;
  private final EngineRequestBody.Limits limits;
  private final EngineAccess access;
  private final AdministratorsGuard administrators;
  private final TaskCandidates candidates;
  private final QueryPaging paging;
  private final TaskConflicts conflicts;

  EngineRestGuard(IdentityService identity, AuditLog audit, EngineRequestBody.Limits limits, EngineAccess access,
      TaskCandidates candidates, TaskConflicts conflicts, QueryPaging paging) {
    this.audit = audit;
    this.answers = new GuardAnswers(audit);
    this.limits = limits;
    this.access = access;
    this.administrators = new AdministratorsGuard(identity);
    this.candidates = candidates;
    this.conflicts = conflicts;
    this.paging = paging;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/camunda/api/admin/setup/")) {
      answers.refuse(request, response, 403, "Forbidden", "The setup of a first administrator is switched off: the "
          + "administrator comes from the configuration (redress.admin.password).", "admin setup resource");
      return;
    }
    Matcher engine = ENGINE_PATH.matcher(path);
    boolean enginePath = engine.matches();
    String rest = enginePath ? engine.group(1) : path;
    String method = request.getMethod();
    EngineRequestBody body = EngineRequestBody.read(request, response, limits, answers);
    if (body == null) {
      return;
    }
    String expression = Expressions.in(request, body.json(), QueryPaging.QUERY.matcher(rest).matches());
    if (expression != null) {
      answers.refuse(request, response, 400, "InvalidRequestException", "Expressions are not accepted in requests ("
          + expression + "). Saved Tasklist filters keep theirs.", "expression in " + expression);
      return;
    }
    EngineAccess.Caller caller = access.caller(request, path);
    EngineAccess.Reassignment reassignment = null;
    if (caller != null) {
      EngineAccess.Decision decision = access.decide(caller, method, path, enginePath ? rest : null, body.json());
      if (decision instanceof EngineAccess.Refused refused) {
        answers.refuse(request, response, 403, "AuthorizationException", refused.reason(), "not allowed: " + method
            + " " + rest);
        return;
      }
      if (decision instanceof EngineAccess.Reassignment r) {
        reassignment = r;
      }
    }
    if (enginePath && administrators.removesLast(method, rest)) {
      answers.refuse(request, response, 409, "Conflict", AdministratorsGuard.LAST_ADMINISTRATOR,
          "last administrator");
      return;
    }
    Matcher assign = ASSIGN.matcher(rest);
    if ("POST".equals(method) && assign.matches() && body.json() != null && body.json().hasNonNull("userId")) {
      String refusal = candidates.refusal(assign.group(1), body.json().get("userId").asText());
      if (refusal != null) {
        answers.refuse(request, response, 403, "AuthorizationException", refusal, "task " + assign.group(2));
        return;
      }
    }

    HttpServletRequest forward = paging.page(body.request(), method, path, rest);
    if (rest.endsWith("/fetchAndLock") || !(enginePath || path.startsWith("/camunda/api/"))) {
      chain.doFilter(forward, response);
      return;
    }
    ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
    try {
      String taskId = TaskConflicts.actedOn(method, rest);
      if (taskId != null) {
        conflicts.serialised(taskId, forward, cached, chain);
      } else if ("GET".equals(method) && NobodyIsNoContent.WHO_AM_I.matcher(path).matches()) {
        chain.doFilter(forward, new NobodyIsNoContent(cached));
      } else {
        chain.doFilter(forward, cached);
      }
      if (reassignment != null && cached.getStatus() < 300) {
        audit.reassignment(caller.user(), reassignment.complaint(), reassignment.task(), reassignment.from(),
            reassignment.to());
      }
      conflicts.rewrite(taskId, Callers.of(request), cached);
      ErrorSanitizer.sanitize(request, cached);
    } finally {
      cached.copyBodyToResponse();
    }
  }
}

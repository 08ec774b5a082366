package io.redress.security;

import java.net.URI;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The security filters and mappers (who may see and do what), in the order they see a request. */
@Configuration
class SecurityConfiguration {

  /** Outermost: the origin of the request for the audit log, security headers, the audit of 401/403. */
  @Bean
  FilterRegistrationBean<RequestOrigin> requestOrigin(AuditLog audit) {
    FilterRegistrationBean<RequestOrigin> registration = new FilterRegistrationBean<>(new RequestOrigin(audit));
    registration.setName("redress-request-origin");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<EngineRestGuard> engineRestGuard(TaskService tasks, HistoryService history,
      IdentityService identity, AuditLog audit, ProcessEngineConfigurationImpl engineConfiguration,
      @Value("${redress.security.max-request-bytes:1048576}") long maxRequestBytes,
      @Value("${redress.security.max-upload-bytes:10485760}") long maxUploadBytes, FormService forms,
      RepositoryService repository,
      @Value("${redress.security.startable-processes:}") java.util.Set<String> startableProcesses) {
    TaskCandidates candidates = new TaskCandidates(tasks, history, identity);
    EngineAccess access = new EngineAccess(tasks, identity, forms, repository, startableProcesses);
    FilterRegistrationBean<EngineRestGuard> registration = new FilterRegistrationBean<>(new EngineRestGuard(identity,
        audit, new EngineRequestBody.Limits(maxRequestBytes, maxUploadBytes), access, candidates,
        new TaskConflicts(tasks, history, identity, candidates),
        new QueryPaging(engineConfiguration.getQueryMaxResultsLimit())));
    registration.setName("redress-engine-rest-guard");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 200);
    return registration;
  }

  /** 409 instead of 500 for a task claimed or completed by someone else at the same moment. */
  @Bean
  ResourceConfigCustomizer conflictExceptionMappers() {
    return config -> config.register(ConflictExceptionMapper.AlreadyClaimed.class)
        .register(ConflictExceptionMapper.ConcurrentChange.class);
  }

  /** The same for the complaint API, as problem details (before the API's catch-all for server errors). */
  @RestControllerAdvice
  @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
  static class ApiConflicts {

    static final URI CONFLICT = URI.create("https://redress.example/problems/concurrent-change");

    @ExceptionHandler({OptimisticLockingException.class, TaskAlreadyClaimedException.class})
    ResponseEntity<ProblemDetail> conflict(RuntimeException e) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
          "Someone else changed this complaint at the same moment; nothing of yours was changed. Try again.");
      problem.setType(CONFLICT);
      problem.setTitle("Concurrent change");
      return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
  }
}

package io.redress.intake;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.redress.intake.ApiProblem.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** RFC 9457 problem details for the complaint API: a stable type, a title, the path, and every bad field. */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

  static final URI INVALID = URI.create("https://redress.example/problems/invalid-complaint");
  static final URI MALFORMED = URI.create("https://redress.example/problems/malformed-request");
  static final URI NOT_FOUND = URI.create("https://redress.example/problems/complaint-not-found");
  static final URI CLOSED = URI.create("https://redress.example/problems/complaint-closed");
  static final URI TOO_LARGE = URI.create("https://redress.example/problems/request-too-large");
  static final URI NOT_STARTED = URI.create("https://redress.example/problems/case-not-started");
  static final URI SERVER_ERROR = URI.create("https://redress.example/problems/server-error");
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiProblems.class);

  private final io.redress.security.AuditLog audit;
  private final IntakeIncidents incidents;

  ApiProblems(io.redress.security.AuditLog audit, IntakeIncidents incidents) {
    this.audit = audit;
    this.incidents = incidents;
  }

  /**
   * A complaint whose process could not be started: 503, nothing stored (the intake's transaction rolled back), a
   * reference that is in the log with the cause, and an audit entry saying why.
   */
  @ExceptionHandler(ComplaintIntake.CaseNotStarted.class)
  ResponseEntity<Object> notStarted(ComplaintIntake.CaseNotStarted ex, HttpServletRequest request, WebRequest web) {
    String reference = java.util.UUID.randomUUID().toString();
    String cause = io.redress.modeling.Causes.of(ex.getCause());
    LOG.error("Complaint intake failed (reference {}): the complaint process could not be started: {}", reference,
        cause, ex.getCause());
    audit.intakeFailed(io.redress.security.AuthenticatedUser.of(request).userId(), reference, cause);
    incidents.notStarted(reference, cause);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "The complaint could "
        + "not be taken in now: its process could not be started. Nothing was stored; please send it again later. "
        + "Reference " + reference + ".");
    problem.setType(NOT_STARTED);
    problem.setTitle("Complaint could not be taken in");
    problem.setInstance(URI.create(request.getRequestURI()));
    problem.setProperty("reference", reference);
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, "60");
    return createResponseEntity(problem, headers, HttpStatus.SERVICE_UNAVAILABLE, web);
  }

  /** Anything else that goes wrong: 500 as a problem with a reference that is in the log, never a bare error page. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception ex, HttpServletRequest request, WebRequest web) throws Exception {
    if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
      throw ex; // not the complaint API's
    }
    String reference = java.util.UUID.randomUUID().toString();
    LOG.error("{} {} failed (reference {}): {}", request.getMethod(), request.getRequestURI(), reference,
        io.redress.modeling.Causes.of(ex), ex);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "The server could not process the request (reference " + reference + ").");
    problem.setType(SERVER_ERROR);
    problem.setTitle("Server error");
    problem.setInstance(URI.create(request.getRequestURI()));
    problem.setProperty("reference", reference);
    return createResponseEntity(problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, web);
  }



  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
        .map(e -> new FieldError(e.getField(), e.getDefaultMessage()))
        .sorted(Comparator.comparing(FieldError::field)).toList();
    return invalid(errors, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (RequestSizeLimit.TooLarge.in(ex)) {
      return tooLarge(request);
    }
    if (ex.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field = mismatch.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      String message = mismatch instanceof UnrecognizedPropertyException ? "is not a known field"
          : "has the wrong type: " + expected(mismatch.getTargetType()) + " expected";
      return invalid(List.of(new FieldError(field, message)), request);
    }
    String detail = ex.getCause() instanceof JsonMappingException
        ? "The body does not match the complaint's fields." : "The body is not valid JSON.";
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setType(MALFORMED);
    problem.setTitle("Malformed request");
    return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<Object> constraint(ConstraintViolationException ex, WebRequest request) {
    List<FieldError> errors = ex.getConstraintViolations().stream()
        .map(v -> new FieldError(header(v.getPropertyPath().toString()), v.getMessage()))
        .sorted(Comparator.comparing(FieldError::field)).toList();
    return invalid(errors, request);
  }

  @ExceptionHandler(ComplaintController.BadParameter.class)
  ResponseEntity<Object> badParameter(ComplaintController.BadParameter ex, WebRequest request) {
    return invalid(List.of(new FieldError(ex.field, ex.getMessage())), request);
  }

  @ExceptionHandler(CaseUpdates.CaseClosed.class)
  ResponseEntity<Object> closed(CaseUpdates.CaseClosed ex, HttpServletRequest request, WebRequest web) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
    problem.setType(CLOSED);
    problem.setTitle("Complaint is not open");
    problem.setInstance(URI.create(request.getRequestURI()));
    return createResponseEntity(problem, new HttpHeaders(), HttpStatus.CONFLICT, web);
  }

  @ExceptionHandler(io.redress.workflow.DeadlinePause.NotPausable.class)
  ResponseEntity<Object> notPausable(io.redress.workflow.DeadlinePause.NotPausable ex, HttpServletRequest request,
      WebRequest web) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
    problem.setType(CLOSED);
    problem.setTitle("Complaint is not in that state");
    problem.setInstance(URI.create(request.getRequestURI()));
    return createResponseEntity(problem, new HttpHeaders(), HttpStatus.CONFLICT, web);
  }

  @ExceptionHandler(RequestSizeLimit.TooLarge.class)
  ResponseEntity<Object> tooLarge(RequestSizeLimit.TooLarge ex, WebRequest request) {
    return tooLarge(request);
  }

  private ResponseEntity<Object> tooLarge(WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
        "The request body is larger than " + RequestSizeLimit.MAX_BYTES / 1024 + " KiB.");
    problem.setType(TOO_LARGE);
    problem.setTitle("Request too large");
    return createResponseEntity(problem, new HttpHeaders(), HttpStatus.PAYLOAD_TOO_LARGE, request);
  }

  @ExceptionHandler(ComplaintController.ComplaintNotFound.class)
  ResponseEntity<Object> notFound(ComplaintController.ComplaintNotFound ex, HttpServletRequest request,
      WebRequest web) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    problem.setType(NOT_FOUND);
    problem.setTitle("Complaint not found");
    problem.setInstance(URI.create(request.getRequestURI()));
    return createResponseEntity(problem, new HttpHeaders(), HttpStatus.NOT_FOUND, web);
  }

  private ResponseEntity<Object> invalid(List<FieldError> errors, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
    problem.setType(INVALID);
    problem.setTitle("Invalid request");
    problem.setProperties(Map.of("errors", errors));
    return createResponseEntity(problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
  }

  /** Every problem goes out as {@code application/problem+json}, whatever the client said it accepts. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    HttpHeaders h = new HttpHeaders();
    h.addAll(headers);
    if (body instanceof ProblemDetail) {
      h.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
    }
    return super.createResponseEntity(body, h, status, request);
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "text";
    }
    return "an object";
  }

  private static String header(String path) {
    // create.idempotencyKey -> Idempotency-Key
    return path.endsWith("idempotencyKey") ? "Idempotency-Key" : path.substring(path.indexOf('.') + 1);
  }
}

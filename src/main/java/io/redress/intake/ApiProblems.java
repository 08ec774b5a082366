package io.redress.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerMapping;
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

  private static final org.springframework.core.ParameterNameDiscoverer NAMES =
      new org.springframework.core.DefaultParameterNameDiscoverer();

  private final ObjectMapper json;
  private final Validator validator;

  static final URI INVALID = URI.create("https://redress.example/problems/invalid-complaint");
  static final URI MALFORMED = URI.create("https://redress.example/problems/malformed-request");
  static final URI NOT_FOUND = URI.create("https://redress.example/problems/complaint-not-found");
  static final URI CLOSED = URI.create("https://redress.example/problems/complaint-closed");
  static final URI TOO_LARGE = URI.create("https://redress.example/problems/request-too-large");
  static final URI ALREADY_WAITING = URI.create("https://redress.example/problems/complaint-already-waiting");
  static final URI NOT_WAITING = URI.create("https://redress.example/problems/complaint-not-waiting");
  static final URI CONCURRENT_CHANGE = URI.create("https://redress.example/problems/concurrent-change");
  static final URI NOT_STARTED = URI.create("https://redress.example/problems/case-not-started");
  static final URI SERVER_ERROR = URI.create("https://redress.example/problems/server-error");
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiProblems.class);

  private final io.redress.security.AuditLog audit;
  private final IntakeIncidents incidents;

  ApiProblems(ObjectMapper json, Validator validator, io.redress.security.AuditLog audit,
      IntakeIncidents incidents) {
    this.json = json;
    this.validator = validator;
    this.audit = audit;
    this.incidents = incidents;
  }

  /**
   * A complaint whose process could not be started: 503, nothing stored (the intake's transaction rolled back), a
   * reference that is in the log with the cause, and an audit entry saying why.
   */
  @ExceptionHandler(ComplaintIntake.CaseNotStarted.class)
  ResponseEntity<Object> notStarted(ComplaintIntake.CaseNotStarted ex, HttpServletRequest request, WebRequest web) {
    if (io.redress.database.DatabaseOutage.isCause(ex)) {
      return databaseUnavailable(ex, request, web); // nothing to record: the incident and the audit need it too
    }
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
    if (io.redress.database.DatabaseOutage.isCause(ex)) {
      return databaseUnavailable(ex, request, web);
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

  /**
   * The database is unavailable (stopped, restarting, unreachable, no connection free in time): 503 with
   * Retry-After, the transaction of the request rolled back (io.redress.database.DatabaseOutage).
   */
  private ResponseEntity<Object> databaseUnavailable(Exception ex, HttpServletRequest request, WebRequest web) {
    io.redress.database.DatabaseOutage.log(request.getMethod(), request.getRequestURI(), ex);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        io.redress.database.DatabaseOutage.DETAIL);
    problem.setType(io.redress.database.DatabaseOutage.TYPE);
    problem.setTitle(io.redress.database.DatabaseOutage.TITLE);
    problem.setInstance(URI.create(request.getRequestURI()));
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(io.redress.database.DatabaseOutage.RETRY_AFTER_SECONDS));
    return createResponseEntity(problem, headers, HttpStatus.SERVICE_UNAVAILABLE, web);
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
    if (ex.getCause() instanceof MismatchedInputException && request instanceof ServletWebRequest web) {
      // Jackson stops at the first unknown field or wrong type: look at the whole body once more, so that the
      // answer names every bad field at once, the validation's findings included
      List<FieldError> all = everyBadField(web.getRequest());
      if (all != null && !all.isEmpty()) {
        return invalid(all, request);
      }
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

  /** A query parameter of the wrong type ({@code page=abc}, {@code overdue=maybe}): named like any bad field. */
  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
    List<FieldError> errors = new ArrayList<>();
    errors.add(new FieldError(name == null ? "parameter" : name, typeMessage(ex.getRequiredType())));
    // Spring stops at the first parameter it cannot convert: the handler's other typed parameters are looked at too
    if (request instanceof ServletWebRequest web
        && web.getRequest().getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod h) {
      for (MethodParameter p : h.getMethodParameters()) {
        // the parameter's name when the annotation gives none (compiled with -parameters), as Spring finds it
        p.initParameterNameDiscovery(NAMES);
        RequestParam param = p.getParameterAnnotation(RequestParam.class);
        String pName = param == null ? null : param.name().isEmpty() ? p.getParameterName() : param.name();
        String value = pName == null ? null : web.getRequest().getParameter(pName);
        if (value != null && !pName.equals(name) && !convertible(value, p.getParameterType())) {
          errors.add(new FieldError(pName, typeMessage(p.getParameterType())));
        }
      }
    }
    return invalid(sorted(errors), request);
  }

  private static String typeMessage(Class<?> type) {
    return type == Boolean.class || type == boolean.class ? "must be true or false"
        : type == Integer.class || type == int.class || type == Long.class || type == long.class
            ? "must be a whole number" : "has the wrong type: " + expected(type) + " expected";
  }

  /** Whether a query parameter's text converts to its type as Spring converts it (text always does). */
  private static boolean convertible(String value, Class<?> type) {
    try {
      if (type == Integer.class || type == int.class) {
        Integer.parseInt(value.strip());
      } else if (type == Long.class || type == long.class) {
        Long.parseLong(value.strip());
      } else if (type == Boolean.class || type == boolean.class) {
        return value.isBlank() || java.util.Set.of("true", "false", "on", "off", "yes", "no", "1", "0")
            .contains(value.strip().toLowerCase(java.util.Locale.ROOT));
      }
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Every bad field of a JSON body that Jackson refused: unknown fields and values of the wrong JSON type, found by
   * walking the body against the handler's {@code @RequestBody} record, then the validation of what remains.
   * Null when the body is not a JSON object or the handler's body is not a record.
   */
  private List<FieldError> everyBadField(HttpServletRequest request) {
    Object copy = request.getAttribute(RequestSizeLimit.BODY);
    Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
    if (!(copy instanceof byte[] bytes) || !(handler instanceof HandlerMethod method)) {
      return null;
    }
    Class<?> type = null;
    for (MethodParameter p : method.getMethodParameters()) {
      if (p.hasParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class)) {
        type = p.getParameterType();
      }
    }
    if (type == null || !type.isRecord()) {
      return null;
    }
    JsonNode body;
    try {
      body = json.readTree(bytes);
    } catch (java.io.IOException e) {
      return null;
    }
    List<FieldError> errors = new ArrayList<>();
    JsonNode cleaned = sift(body, type, "", errors);
    if (cleaned != null) {
      try {
        Object value = json.treeToValue(cleaned, type);
        for (ConstraintViolation<Object> v : validator.validate(value)) {
          String field = v.getPropertyPath().toString();
          // a field refused for its type is not also "required"
          if (errors.stream().noneMatch(e -> e.field().equals(field) || field.startsWith(e.field() + "."))) {
            errors.add(new FieldError(field, v.getMessage()));
          }
        }
      } catch (JsonProcessingException | IllegalArgumentException e) {
        return errors.isEmpty() ? null : sorted(errors);
      }
    }
    return sorted(errors);
  }

  /** The body without its bad fields (null: not an object), each bad field added to {@code errors}. */
  private ObjectNode sift(JsonNode node, Class<?> type, String prefix, List<FieldError> errors) {
    if (!node.isObject()) {
      errors.add(new FieldError(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
          "has the wrong type: an object expected"));
      return null;
    }
    Map<String, RecordComponent> components = new java.util.HashMap<>();
    for (RecordComponent c : type.getRecordComponents()) {
      components.put(c.getName(), c);
    }
    ObjectNode out = json.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      RecordComponent c = components.get(f.getKey());
      String path = prefix + f.getKey();
      if (c == null) {
        errors.add(new FieldError(path, "is not a known field"));
      } else if (f.getValue().isNull()) {
        out.set(f.getKey(), f.getValue());
      } else if (c.getType().isRecord()) {
        ObjectNode nested = sift(f.getValue(), c.getType(), path + ".", errors);
        if (nested != null) {
          out.set(f.getKey(), nested);
        }
      } else {
        try {
          json.treeToValue(f.getValue(), c.getType());
          out.set(f.getKey(), f.getValue());
        } catch (JsonProcessingException | IllegalArgumentException e) {
          errors.add(new FieldError(path, "has the wrong type: " + expected(c.getType()) + " expected"));
        }
      }
    }
    return out;
  }

  private static List<FieldError> sorted(List<FieldError> errors) {
    return errors.stream().sorted(Comparator.comparing(FieldError::field)).toList();
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

  @ExceptionHandler(CaseUpdates.AlreadyWaiting.class)
  ResponseEntity<Object> alreadyWaiting(CaseUpdates.AlreadyWaiting ex, HttpServletRequest request, WebRequest web) {
    return conflict(ALREADY_WAITING, "Complaint already waits on the customer", ex.getMessage(), request, web);
  }

  @ExceptionHandler(CaseUpdates.NotWaiting.class)
  ResponseEntity<Object> notWaiting(CaseUpdates.NotWaiting ex, HttpServletRequest request, WebRequest web) {
    return conflict(NOT_WAITING, "Complaint does not wait on the customer", ex.getMessage(), request, web);
  }

  private ResponseEntity<Object> conflict(URI type, String title, String detail, HttpServletRequest request,
      WebRequest web) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
    problem.setType(type);
    problem.setTitle(title);
    problem.setInstance(URI.create(request.getRequestURI()));
    return createResponseEntity(problem, new HttpHeaders(), HttpStatus.CONFLICT, web);
  }

  @ExceptionHandler(io.redress.sla.DeadlinePause.NotPausable.class)
  ResponseEntity<Object> notPausable(io.redress.sla.DeadlinePause.NotPausable ex, HttpServletRequest request,
      WebRequest web) {
    // CaseUpdates checks first (AlreadyWaiting, NotWaiting); this is the race between that check and the pause
    boolean waiting = ex.getMessage() != null && ex.getMessage().contains("already waits");
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
    problem.setType(waiting ? ALREADY_WAITING : NOT_WAITING);
    problem.setTitle(waiting ? "Complaint already waits on the customer" : "Complaint does not wait on the customer");
    problem.setInstance(URI.create(request.getRequestURI()));
    return createResponseEntity(problem, new HttpHeaders(), HttpStatus.CONFLICT, web);
  }

  @ExceptionHandler(CaseUpdates.ComplaintNotFound.class)
  ResponseEntity<Object> notFound(CaseUpdates.ComplaintNotFound ex, HttpServletRequest request,
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

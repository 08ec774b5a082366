package io.redress.intake;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import jakarta.validation.constraints.NotBlank;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the complaint API ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}):
 * its title and rules, HTTP Basic on every operation, and the error answers every operation shares, as
 * components the operations refer to ({@link #BAD_BODY} and so on), each an {@code application/problem+json}
 * {@link ApiProblem} with an example. Which paths are described is {@code springdoc.paths-to-match}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  /** The API's version, not the build's: raise it when the contract changes. */
  static final String API_VERSION = "1.0";
  static final String BASIC = "basicAuth";
  static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  private static final String RESPONSES = "#/components/responses/";
  static final String BAD_BODY = RESPONSES + "InvalidBody";
  static final String BAD_QUERY = RESPONSES + "InvalidQuery";
  static final String UNAUTHENTICATED = RESPONSES + "Unauthenticated";
  static final String FORBIDDEN = RESPONSES + "Forbidden";
  static final String COMPLAINT_NOT_FOUND = RESPONSES + "ComplaintNotFound";
  static final String NOT_OPEN = RESPONSES + "ComplaintConflict";
  static final String TOO_LARGE = RESPONSES + "RequestTooLarge";
  static final String UNSUPPORTED_MEDIA_TYPE = RESPONSES + "UnsupportedMediaType";
  static final String NOT_STARTED = RESPONSES + "CaseNotStarted";
  static final String METHOD_NOT_ALLOWED = RESPONSES + "MethodNotAllowed";
  static final String NOT_ACCEPTABLE = RESPONSES + "NotAcceptable";
  static final String TOO_MANY_LOGIN_FAILURES = RESPONSES + "TooManyLoginFailures";
  static final String DATABASE_UNAVAILABLE = RESPONSES + "DatabaseUnavailable";

  static final String TAG = "Complaints";

  private static final String DESCRIPTION = """
      The complaint API of Redress: channels take complaints in here, and everyone who works on complaints \
      finds and reads them, records what the customer sends later, and records a withdrawal.

      **Authentication.** HTTP Basic with a Redress (Camunda) user, or the session of a user logged into the \
      Camunda webapps (Tasklist, Cockpit) in the same browser. Only members of the groups that work on complaints \
      (`frontline`, `team-leads`, `handlers`, `supervisors`, `managers`, `directors`) and `camunda-admin` may \
      call the API; anyone else gets 403.

      **Errors.** Every 4xx answer is an RFC 9457 problem (`application/problem+json`, schema `Problem`) with a \
      stable `type`. Invalid input is a 400 that lists each bad field in `errors`, and nothing is stored.

      **Limits and rules.** A request body is JSON (`application/json`) of at most 64 KiB (413 beyond). Reading \
      is strict: unknown fields and values of the wrong JSON type are refused. Text is stored as sent, never \
      evaluated; answers escape `<`, `>` and `&` as `\\u003C` and so on. Phone numbers and e-mail addresses are \
      masked in every answer. Times are UTC instants (ISO 8601); deadlines run on a working-day calendar.

      **Logins.** Failed logins are counted per user and source address: after 5 in a row the next attempt \
      answers 429 with `Retry-After` (30 seconds, doubling with each further failure up to 15 minutes).

      **Outages.** While the database cannot be reached every operation answers 503 (`database-unavailable`) with \
      `Retry-After`; nothing of the request was carried out. Send it again after that many seconds (a complaint \
      with the same `Idempotency-Key`).""";

  @Bean
  OpenAPI complaintApi(SpringDocConfigProperties springdoc) {
    Components components = new Components()
        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
            .description("A Redress user's id and password (the demo profile's users have the password `demo`)."));
    ModelConverters.getInstance(springdoc.isOpenapi31())
        .readAll(new AnnotatedType(ApiProblem.class)).forEach(components::addSchemas);
    components
        .addResponses(name(BAD_BODY), problem("""
                Invalid input: a field of the body, or a header, is not as described, or the body is not JSON. \
                Nothing was stored.""",
            example("Invalid fields", ApiProblems.INVALID, "Invalid request", 400,
                "channel must be one of: phone, chat, email, social, web, letter, visit; customer.name is required",
                "/api/complaints", List.of(
                    new ApiProblem.FieldError("channel",
                        "must be one of: phone, chat, email, social, web, letter, visit"),
                    new ApiProblem.FieldError("customer.name", "is required"))),
            example("Not JSON", ApiProblems.MALFORMED, "Malformed request", 400, "The body is not valid JSON.",
                "/api/complaints", null)))
        .addResponses(name(BAD_QUERY), problem("A query parameter is not as described.",
            example("Invalid parameters", ApiProblems.INVALID, "Invalid request", 400,
                "severity must be one of: general, important, urgent; size must be at most 100", "/api/complaints",
                List.of(new ApiProblem.FieldError("severity", "must be one of: general, important, urgent"),
                    new ApiProblem.FieldError("size", "must be at most 100")))))
        .addResponses(name(UNAUTHENTICATED), problem("""
                No valid credentials: neither HTTP Basic with a known user and the right password nor a Camunda \
                webapp session.""",
            example("Not logged in", URI.create("about:blank"), "Unauthorized", 401,
                "Log in with HTTP Basic or a Camunda webapp session.", "/api/complaints", null))
            .addHeaderObject("WWW-Authenticate", new Header().description("The HTTP Basic challenge.")
                .schema(new StringSchema().example("Basic realm=\"Redress\", charset=\"UTF-8\""))))
        .addResponses(name(FORBIDDEN), problem("""
                The user is logged in but not allowed: not in a group that works on complaints (nor \
                `camunda-admin`).""",
            example("Not a complaint group", URI.create("about:blank"), "Forbidden", 403,
                "Only the groups that work on complaints may use this API.", "/api/complaints", null)))
        .addResponses(name(COMPLAINT_NOT_FOUND), problem("There is no complaint with this number.",
            example("Unknown number", ApiProblems.NOT_FOUND, "Complaint not found", 404,
                "No complaint CMP-2026-000099", "/api/complaints/CMP-2026-000099", null)))
        .addResponses(name(NOT_OPEN), problem("""
                The complaint is not in a state that allows this, and `type` says why: it is no longer open \
                (`complaint-closed`: closed, closed without response, or withdrawn; a new message needs a new \
                complaint), it already waits on the customer (`complaint-already-waiting`), it does not wait on \
                the customer (`complaint-not-waiting`), or someone else changed it at the same moment \
                (`concurrent-change`: try again). Nothing was recorded.""",
            example("Withdrawn", ApiProblems.CLOSED, "Complaint is not open", 409,
                "Complaint CMP-2026-000042 is withdrawn; a new message needs a new complaint",
                "/api/complaints/CMP-2026-000042/messages", null),
            example("Already waiting", ApiProblems.ALREADY_WAITING, "Complaint already waits on the customer", 409,
                "Complaint CMP-2026-000042 already waits on the customer", "/api/complaints/CMP-2026-000042/pause",
                null),
            example("Not waiting", ApiProblems.NOT_WAITING, "Complaint does not wait on the customer", 409,
                "Complaint CMP-2026-000042 does not wait on the customer",
                "/api/complaints/CMP-2026-000042/resumption", null),
            example("Concurrent change", ApiProblems.CONCURRENT_CHANGE, "Concurrent change", 409,
                "Someone else changed this complaint at the same moment; nothing of yours was changed. Try again.",
                "/api/complaints/CMP-2026-000042/withdrawal", null)))
        .addResponses(name(TOO_LARGE), problem("The request body is larger than 64 KiB. Nothing was read or stored.",
            example("Too large", ApiProblems.TOO_LARGE, "Request too large", 413,
                "The request body is larger than 64 KiB.", "/api/complaints", null)))
        .addResponses(name(UNSUPPORTED_MEDIA_TYPE), problem("The body is not sent as `application/json`.",
            example("Not JSON", URI.create("about:blank"), "Unsupported Media Type", 415,
                "Content-Type 'text/plain' is not supported.", "/api/complaints", null)))
        .addResponses(name(NOT_STARTED), problem("""
                The complaint's process could not be started (for example a model deployed that cannot run): \
                nothing was stored, the cause is in the server's log and the audit log under the `reference`. \
                Or the database cannot be reached at the moment (`database-unavailable`). Send the complaint again \
                later (with the same `Idempotency-Key`).""",
            example("Process not started", ApiProblems.NOT_STARTED, "Complaint could not be taken in", 503,
                "The complaint could not be taken in now: its process could not be started. Nothing was stored; "
                    + "please send it again later. Reference 0b6f3c9e-4f5e-4c41-9d0a-2f1f7f3b9a11.",
                "/api/complaints", null),
            databaseUnavailable("/api/complaints"))
            .addHeaderObject("Retry-After", new Header().description("Seconds to wait before sending it again.")
                .schema(new io.swagger.v3.oas.models.media.IntegerSchema().example(60))))
        .addResponses(name(DATABASE_UNAVAILABLE), problem("""
                The database cannot be reached at the moment (stopped, restarting, unreachable, or no connection \
                free in time): the request was not carried out. Send it again after the seconds in `Retry-After`.""",
            databaseUnavailable("/api/complaints/CMP-2026-000042"))
            .addHeaderObject("Retry-After", new Header().description("Seconds to wait before sending it again.")
                .schema(new io.swagger.v3.oas.models.media.IntegerSchema().example(
                    io.redress.database.DatabaseOutage.RETRY_AFTER_SECONDS))))
        .addResponses(name(METHOD_NOT_ALLOWED), problem("""
                This path does not take this HTTP method; `Allow` lists the methods it takes.""",
            example("Not allowed", URI.create("about:blank"), "Method Not Allowed", 405,
                "Method 'DELETE' is not supported.", "/api/complaints", null))
            .addHeaderObject("Allow", new Header().description("The methods the path takes.")
                .schema(new StringSchema().example("GET, POST"))))
        .addResponses(name(NOT_ACCEPTABLE), problem("""
                The request's `Accept` header rules out `application/json`, the only representation of the answer \
                (problems come as `application/problem+json` all the same).""",
            example("Not acceptable", URI.create("about:blank"), "Not Acceptable", 406,
                "Acceptable representations: [application/json].", "/api/complaints", null)))
        .addResponses(name(TOO_MANY_LOGIN_FAILURES), problem("""
                Too many failed logins for this user from this address (or from this address at all): the \
                password is not checked until the time in `Retry-After` has passed. Each further failure doubles \
                the wait, up to 15 minutes; a success resets it.""",
            example("Throttled", URI.create(TOO_MANY_TYPE), "Too many failed logins", 429,
                "Too many failed logins. Try again in 30 seconds.", "/api/complaints", null))
            .addHeaderObject("Retry-After", new Header().description("Seconds to wait before the next attempt.")
                .schema(new io.swagger.v3.oas.models.media.IntegerSchema().example(30))));
    return new OpenAPI()
        .info(new Info().title("Redress complaint API").version(API_VERSION).description(DESCRIPTION)
            .contact(new Contact().name("Redress complaint team").email("api@redress.example")
                .url("https://redress.example/support"))
            .license(new License().name("Proprietary").url("https://redress.example/terms")))
        // relative: the server that served this document, whatever Host or X-Forwarded-Host said
        .servers(List.of(new Server().url("/").description("The server that serves this document.")))
        .addTagsItem(new Tag().name(TAG).description("Complaint cases: take in, search, read, update, withdraw."))
        .components(components)
        .addSecurityItem(new SecurityRequirement().addList(BASIC));
  }

  private static Map.Entry<String, Example> databaseUnavailable(String instance) {
    return example("Database unavailable", io.redress.database.DatabaseOutage.TYPE,
        io.redress.database.DatabaseOutage.TITLE, 503, io.redress.database.DatabaseOutage.DETAIL, instance, null);
  }

  /** The URI of the login throttle's problem (io.redress.security.LoginThrottle writes it). */
  static final String TOO_MANY_TYPE = "https://redress.example/problems/too-many-login-failures";

  /**
   * The answers any operation can give, whatever it is: a method the path does not take (405), an `Accept` that
   * rules out JSON (406), the login throttle (429), and the database out of reach (503).
   */
  @Bean
  OpenApiCustomizer everyOperationsAnswers() {
    return openApi -> {
      if (openApi.getPaths() == null) {
        return;
      }
      openApi.getPaths().values().forEach(path -> path.readOperations().forEach(op -> {
        ApiResponses responses = op.getResponses();
        for (String[] answer : new String[][] {{"405", METHOD_NOT_ALLOWED}, {"406", NOT_ACCEPTABLE},
            {"429", TOO_MANY_LOGIN_FAILURES}, {"503", DATABASE_UNAVAILABLE}}) {
          if (!responses.containsKey(answer[0])) {
            responses.addApiResponse(answer[0], new ApiResponse().$ref(answer[1]));
          }
        }
      }));
    };
  }

  /**
   * Text that {@code @NotBlank} refuses when empty is {@code minLength: 1} in the document: {@code @Size} alone
   * says 0, and blank text is refused all the same. Applied to each record's schema once it is resolved.
   */
  @Bean
  ModelConverter notBlankIsNotEmpty() {
    return new ModelConverter() {
      @Override
      public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
        if (schema == null || !raw.isRecord()) {
          return schema;
        }
        Schema<?> model = schema.get$ref() == null ? schema
            : context.getDefinedModels().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        if (model == null || model.getProperties() == null) {
          return schema;
        }
        for (RecordComponent c : raw.getRecordComponents()) {
          Schema<?> property = model.getProperties().get(c.getName());
          if (property != null && c.getAccessor().isAnnotationPresent(NotBlank.class)) {
            property.setMinLength(1);
          }
        }
        return schema;
      }
    };
  }

  private static String name(String ref) {
    return ref.substring(RESPONSES.length());
  }

  @SafeVarargs
  private static ApiResponse problem(String description, Map.Entry<String, Example>... examples) {
    MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"));
    for (Map.Entry<String, Example> e : examples) {
      media.addExamples(e.getKey(), e.getValue());
    }
    return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON, media));
  }

  /** A problem body as {@link ApiProblems} writes it, field by field in the same order. */
  private static Map.Entry<String, Example> example(String summary, URI type, String title, int status,
      String detail, String instance, List<ApiProblem.FieldError> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type.toString());
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", instance);
    if (errors != null) {
      body.put("errors", errors);
    }
    String key = summary.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    return Map.entry(key, new Example().summary(summary).value(body));
  }
}

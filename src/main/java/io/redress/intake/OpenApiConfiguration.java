package io.redress.intake;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
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
  static final String NOT_OPEN = RESPONSES + "ComplaintNotOpen";
  static final String TOO_LARGE = RESPONSES + "RequestTooLarge";
  static final String UNSUPPORTED_MEDIA_TYPE = RESPONSES + "UnsupportedMediaType";
  static final String NOT_STARTED = RESPONSES + "CaseNotStarted";

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
      masked in every answer. Times are UTC instants (ISO 8601); deadlines run on a working-day calendar.""";

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
                The complaint is no longer open (closed, closed without response, or withdrawn): nothing was \
                recorded. A new message needs a new complaint.""",
            example("Withdrawn", ApiProblems.CLOSED, "Complaint is not open", 409,
                "Complaint CMP-2026-000042 is withdrawn; a new message needs a new complaint",
                "/api/complaints/CMP-2026-000042/messages", null)))
        .addResponses(name(TOO_LARGE), problem("The request body is larger than 64 KiB. Nothing was read or stored.",
            example("Too large", ApiProblems.TOO_LARGE, "Request too large", 413,
                "The request body is larger than 64 KiB.", "/api/complaints", null)))
        .addResponses(name(UNSUPPORTED_MEDIA_TYPE), problem("The body is not sent as `application/json`.",
            example("Not JSON", URI.create("about:blank"), "Unsupported Media Type", 415,
                "Content-Type 'text/plain' is not supported.", "/api/complaints", null)))
        .addResponses(name(NOT_STARTED), problem("""
                The complaint's process could not be started (for example a model deployed that cannot run):                 nothing was stored, the cause is in the server's log and the audit log under the `reference`.                 Send the complaint again later (with the same `Idempotency-Key`).""",
            example("Process not started", ApiProblems.NOT_STARTED, "Complaint could not be taken in", 503,
                "The complaint could not be taken in now: its process could not be started. Nothing was stored; "
                    + "please send it again later. Reference 0b6f3c9e-4f5e-4c41-9d0a-2f1f7f3b9a11.",
                "/api/complaints", null)));
    return new OpenAPI()
        .info(new Info().title("Redress complaint API").version(API_VERSION).description(DESCRIPTION))
        .addTagsItem(new Tag().name(TAG).description("Complaint cases: take in, search, read, update, withdraw."))
        .components(components)
        .addSecurityItem(new SecurityRequirement().addList(BASIC));
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

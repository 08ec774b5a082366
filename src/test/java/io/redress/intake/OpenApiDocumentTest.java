package io.redress.intake;

import static java.util.Comparator.comparing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redress.RedressSpringTest;
import io.redress.casefile.TimelineEvent;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document and Swagger UI, as a user of the API reads them: every operation of the complaint API is
 * in the document, taken from the controller's own mappings so that a new endpoint without documentation fails
 * here, with its answers, the shared problem schema for each error, examples that the API really accepts, and
 * the allowed values its validation enforces. Both need a login.
 */
@RedressSpringTest
class OpenApiDocumentTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBLEM = "#/components/schemas/Problem";
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String APPLICATION_JSON = "application/json";
  /** A validation pattern that is a choice of words ({@code ^(open|closed)$}): the document lists them as an enum. */
  private static final java.util.regex.Pattern WORDS =
      java.util.regex.Pattern.compile("\\^\\(([a-z-]+(\\|[a-z-]+)+)\\)\\$");

  /** The answers each operation of {@link ComplaintController} documents. A new operation belongs here too. */
  private static final Map<String, Set<String>> ANSWERS = Map.of(
      "POST /api/complaints", answers("201", "200", "400", "401", "403", "413", "415", "503"),
      "GET /api/complaints", answers("200", "400", "401", "403"),
      "GET /api/complaints/{id}", answers("200", "401", "403", "404"),
      "POST /api/complaints/{id}/messages", answers("201", "200", "400", "401", "403", "404", "409", "413", "415"),
      "POST /api/complaints/{id}/withdrawal", answers("200", "400", "401", "403", "404", "409", "413", "415"),
      "POST /api/complaints/{id}/pause", answers("200", "400", "401", "403", "404", "409", "413", "415"),
      "POST /api/complaints/{id}/resumption", answers("200", "401", "403", "404", "409"),
      "POST /api/complaints/{id}/replies", answers("202", "200", "400", "401", "403", "404", "409", "413", "415"),
      "GET /api/complaints/{id}/evidence", answers("200", "401", "403", "404"),
      "GET /api/complaints/{id}/evidence/{n}", answers("200", "401", "403", "404"));

  /** Operations whose answer is a file to download (binary, never JSON). */
  private static final Set<String> DOWNLOADS = Set.of("GET /api/complaints/{id}/evidence/{n}");

  /**
   * An operation's own answers, and those every operation has: 405, 406, the login throttle's 429 and the 503 of
   * the database out of reach.
   */
  private static Set<String> answers(String... own) {
    Set<String> all = new TreeSet<>(List.of(own));
    all.addAll(List.of("405", "406", "429", "503"));
    return all;
  }

  @LocalServerPort int port;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlerMapping;

  private final HttpClient http = HttpClient.newHttpClient();
  private JsonNode doc;

  @BeforeEach
  void document() throws Exception {
    HttpResponse<String> response = get("fiona", "/v3/api-docs");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith(APPLICATION_JSON);
    doc = JSON.readTree(response.body());
  }

  record Endpoint(String method, String path, Method handler) {
    String key() {
      return method + " " + path;
    }

    @Override
    public String toString() {
      return key();
    }
  }

  /** The operations of {@link ComplaintController}, from its mapping annotations ({@code @GetMapping} and so on). */
  static List<Endpoint> complaintEndpoints() {
    String base = AnnotatedElementUtils.findMergedAnnotation(ComplaintController.class, RequestMapping.class)
        .path()[0];
    List<Endpoint> endpoints = new ArrayList<>();
    for (Method m : ComplaintController.class.getDeclaredMethods()) {
      RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(m, RequestMapping.class);
      if (mapping == null) {
        continue;
      }
      assertThat(mapping.method()).as("%s names its HTTP method", m.getName()).isNotEmpty();
      String[] paths = mapping.path().length == 0 ? new String[] {""} : mapping.path();
      for (RequestMethod method : mapping.method()) {
        for (String path : paths) {
          endpoints.add(new Endpoint(method.name(), base + path, m));
        }
      }
    }
    endpoints.sort(comparing(Endpoint::key));
    return endpoints;
  }

  // ------------------------------------------------------------------ operations

  @Test
  void everyOperationOfTheComplaintControllerIsDocumentedWithItsAnswers() {
    List<Endpoint> endpoints = complaintEndpoints();
    assertThat(endpoints).extracting(Endpoint::key)
        .as("the controller's operations: a new one needs its documentation and its answers listed in ANSWERS")
        .containsExactlyInAnyOrderElementsOf(ANSWERS.keySet());
    for (Endpoint e : endpoints) {
      JsonNode op = operation(e);
      assertDocumented(e, op);
      assertThat(new TreeSet<>(fieldNames(op.path("responses")))).as("%s answers", e)
          .isEqualTo(new TreeSet<>(ANSWERS.get(e.key())));
      assertThat(op.path("tags").toString()).as("%s tag", e).contains(OpenApiConfiguration.TAG);
    }
  }

  /** Whatever controller adds an endpoint under /api (the erasure, say), its endpoint is documented the same way. */
  @Test
  void everyApiEndpointOfTheApplicationIsDocumentedAndNothingElseIs() {
    List<Endpoint> endpoints = new ArrayList<>();
    handlerMapping.getHandlerMethods().forEach((info, handler) -> {
      for (String path : info.getPatternValues()) {
        for (RequestMethod method : info.getMethodsCondition().getMethods()) {
          if (path.startsWith("/api/")) {
            endpoints.add(new Endpoint(method.name(), path, handler.getMethod()));
          }
        }
      }
    });
    assertThat(endpoints).extracting(Endpoint::key).containsAll(ANSWERS.keySet());
    endpoints.forEach(e -> assertDocumented(e, operation(e)));
    assertThat(fieldNames(doc.path("paths"))).as("only the complaint API is described")
        .allMatch(p -> p.startsWith("/api/"));
  }

  @Test
  void theSearchParametersAndTheIdempotencyKeyAreDocumentedWithTheirAllowedValues() {
    JsonNode search = doc.at("/paths/~1api~1complaints/get");
    assertThat(parameter(search, "status").at("/schema/enum").toString())
        .isEqualTo("[\"open\",\"closed\",\"closed-no-response\",\"withdrawn\"]");
    assertThat(parameter(search, "sort").at("/schema/default").asText()).isEqualTo("received");
    assertThat(parameter(search, "size").at("/schema/maximum").asInt()).isEqualTo(ComplaintController.MAX_PAGE_SIZE);
    for (String name : List.of("status", "stage", "severity", "category", "channel", "assignee", "overdue",
        "customer", "receivedFrom", "receivedTo", "page", "size", "sort", "direction")) {
      assertThat(parameter(search, name).path("in").asText()).as(name).isEqualTo("query");
    }
    JsonNode key = parameter(doc.at("/paths/~1api~1complaints/post"), "Idempotency-Key");
    assertThat(key.path("in").asText()).isEqualTo("header");
    assertThat(key.path("required").asBoolean()).isFalse();
    assertThat(key.at("/schema/maxLength").asInt()).isEqualTo(128);
  }

  // ------------------------------------------------------------------ shared parts

  @Test
  void theProblemSchemaAndTheBasicSecuritySchemeAreShared() {
    assertThat(doc.at("/info/title").asText()).isEqualTo("Redress complaint API");
    assertThat(doc.at("/info/version").asText()).isEqualTo(OpenApiConfiguration.API_VERSION);
    assertThat(doc.at("/info/description").asText()).contains("HTTP Basic", "application/problem+json");

    JsonNode problem = schema(PROBLEM);
    assertThat(fieldNames(problem.path("properties")))
        .containsExactly("type", "title", "status", "detail", "instance", "errors", "reference");
    JsonNode fieldError = schema(problem.at("/properties/errors/items/$ref").asText());
    assertThat(fieldNames(fieldError.path("properties"))).containsExactly("field", "message");

    JsonNode invalid = resolve(doc.at("/paths/~1api~1complaints/post/responses/400"));
    JsonNode example = invalid.at("/content/" + PROBLEM_JSON.replace("/", "~1") + "/examples").elements().next()
        .path("value");
    assertThat(example.path("status").asInt()).isEqualTo(400);
    assertThat(example.path("type").asText()).isEqualTo(ApiProblems.INVALID.toString());
    assertThat(example.path("errors")).isNotEmpty();
    example.path("errors").forEach(e -> assertThat(fieldNames(e)).containsExactly("field", "message"));

    JsonNode scheme = doc.at("/components/securitySchemes/" + OpenApiConfiguration.BASIC);
    assertThat(scheme.path("type").asText()).isEqualTo("http");
    assertThat(scheme.path("scheme").asText()).isEqualTo("basic");
    assertThat(doc.path("security").toString()).isEqualTo("[{\"" + OpenApiConfiguration.BASIC + "\":[]}]");
  }

  /** The allowed values documented for a request body are those its validation enforces, nested bodies too. */
  @Test
  void requestBodiesListTheValuesTheirValidationAllows() {
    for (Endpoint e : complaintEndpoints()) {
      for (Parameter p : e.handler().getParameters()) {
        if (p.isAnnotationPresent(RequestBody.class)) {
          assertEnumsFollowValidation(p.getType(), schema(operation(e)
              .at("/requestBody/content/" + APPLICATION_JSON.replace("/", "~1") + "/schema/$ref").asText()));
        }
      }
    }
  }

  /** The answers' documented values are those the code has. */
  @Test
  void theTimelineEventTypesAreTheCaseFilesOwn() throws Exception {
    List<String> types = new ArrayList<>();
    for (java.lang.reflect.Field f : TimelineEvent.class.getFields()) {
      if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        types.add((String) f.get(null));
      }
    }
    assertThat(words(schema("#/components/schemas/TimelineEvent").at("/properties/type/enum")))
        .containsExactlyInAnyOrderElementsOf(types);
  }

  // ------------------------------------------------------------------ what the document says is what the server checks

  /**
   * JSON Schema reads {@code pattern} as an ECMA-262 regular expression that may match anywhere in the value: every
   * pattern is anchored and uses no Java-only syntax, so a validator of the document refuses what the server
   * refuses. ({@code find()} below is JSON Schema's reading: a match anywhere.)
   */
  @Test
  void everyPatternIsAnchoredAndPortable() {
    List<String> patterns = new ArrayList<>();
    collect(doc, "pattern", patterns);
    assertThat(patterns).isNotEmpty();
    for (String p : patterns) {
      assertThat(p).as("pattern %s", p).startsWith("^").endsWith("$").doesNotContain("\\p{").doesNotContain("\\P{");
    }
    String phone = doc.at("/components/schemas/NewComplaintCustomer/properties/phone/pattern").asText();
    assertThat(java.util.regex.Pattern.compile(phone).matcher("call 13800000002 now").find()).isFalse();
    assertThat(java.util.regex.Pattern.compile(phone).matcher("+86 138-0000-0002").find()).isTrue();
    String singleLine = doc.at("/components/schemas/NewComplaintCustomer/properties/name/pattern").asText();
    assertThat(java.util.regex.Pattern.compile(singleLine).matcher("Li\u0007Wei").find()).isFalse();
    assertThat(java.util.regex.Pattern.compile(singleLine).matcher("王芳").find()).isTrue();
    String multiLine = doc.at("/components/schemas/NewComplaint/properties/description/pattern").asText();
    assertThat(java.util.regex.Pattern.compile(multiLine).matcher("line one\nline two\ttab").find()).isTrue();
    assertThat(java.util.regex.Pattern.compile(multiLine).matcher("bell \u0007").find()).isFalse();
    String channel = doc.at("/components/schemas/NewComplaint/properties/channel/pattern").asText();
    assertThat(java.util.regex.Pattern.compile(channel).matcher("telephone").find()).isFalse();
  }

  /** Text the server refuses when blank says {@code minLength: 1}; amounts are in cents. */
  @Test
  void requiredTextIsNonEmptyAndAmountsHaveTwoDecimals() {
    for (String pointer : List.of("/components/schemas/NewComplaint/properties/description",
        "/components/schemas/NewComplaintCustomer/properties/name", "/components/schemas/CustomerMessage/properties/text",
        "/components/schemas/Withdrawal/properties/reason", "/components/schemas/Pause/properties/reason",
        "/components/schemas/Reply/properties/text", "/components/schemas/ErasureRequest/properties/reason")) {
      assertThat(doc.at(pointer + "/minLength").asInt(-1)).as(pointer).isEqualTo(1);
    }
    for (String pointer : List.of("/components/schemas/NewComplaint/properties/amountClaimed",
        "/components/schemas/Complaint/properties/amountClaimed",
        "/components/schemas/ComplaintSummary/properties/amountClaimed")) {
      assertThat(doc.at(pointer + "/multipleOf").decimalValue()).as(pointer)
          .isEqualByComparingTo(new java.math.BigDecimal("0.01"));
    }
    assertThat(doc.at("/info/license/name").asText()).isNotBlank();
    assertThat(doc.at("/info/contact/email").asText()).contains("@");
    // the document never names a host: the server that served it, whatever Host or X-Forwarded-Host said
    assertThat(doc.at("/servers/0/url").asText()).isEqualTo("/");
  }

  /**
   * The generated client of the tests is built from {@code src/test/resources/openapi.json}, a copy of this
   * document: it may not drift from what the application serves. After a change of the API, copy the live
   * document there ({@code curl -u fiona:demo .../v3/api-docs | python3 -m json.tool > ...}).
   */
  @Test
  void theCommittedCopyForTheGeneratedClientIsTheLiveDocument() throws Exception {
    JsonNode committed;
    try (var in = getClass().getResourceAsStream("/openapi.json")) {
      assertThat(in).as("src/test/resources/openapi.json").isNotNull();
      committed = JSON.readTree(in);
    }
    assertThat(committed).as("src/test/resources/openapi.json is the live /v3/api-docs").isEqualTo(doc);
  }

  private static void collect(JsonNode node, String name, List<String> into) {
    if (node.isObject()) {
      node.fields().forEachRemaining(f -> {
        if (f.getKey().equals(name) && f.getValue().isTextual()) {
          into.add(f.getValue().asText());
        } else {
          collect(f.getValue(), name, into);
        }
      });
    } else if (node.isArray()) {
      node.forEach(n -> collect(n, name, into));
    }
  }

  // ------------------------------------------------------------------ the examples work

  /** Every request example is accepted as it stands, and every field of the answer is in the document. */
  @Test
  void theRequestExamplesAreAcceptedAndTheAnswersAreDescribed() throws Exception {
    String id = null;
    for (JsonNode example : examples("/api/complaints", "post")) {
      HttpResponse<String> created = post("/api/complaints", example);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      assertDescribed("#/components/schemas/Complaint", JSON.readTree(created.body()), "Complaint");
      id = id == null ? JSON.readTree(created.body()).path("id").asText() : id;
    }
    assertDescribed("#/components/schemas/Complaint",
        JSON.readTree(get("fiona", "/api/complaints/" + id).body()), "Complaint");
    assertDescribed("#/components/schemas/ComplaintPage",
        JSON.readTree(get("fiona", "/api/complaints?status=open").body()), "ComplaintPage");
    for (JsonNode example : examples("/api/complaints/{id}/messages", "post")) {
      HttpResponse<String> message = post("/api/complaints/" + id + "/messages", example);
      assertThat(message.statusCode()).as(message.body()).isEqualTo(201);
      assertDescribed("#/components/schemas/ComplaintMessage", JSON.readTree(message.body()), "ComplaintMessage");
    }
    for (JsonNode example : examples("/api/complaints/{id}/withdrawal", "post")) {
      HttpResponse<String> withdrawn = post("/api/complaints/" + id + "/withdrawal", example);
      assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
      assertThat(JSON.readTree(withdrawn.body()).path("status").asText()).isEqualTo("withdrawn");
      assertDescribed("#/components/schemas/Complaint", JSON.readTree(withdrawn.body()), "Complaint");
    }
  }

  // ------------------------------------------------------------------ Swagger UI and its login

  @Test
  void swaggerUiIsServedToAnyoneWhoLogsIn() throws Exception {
    HttpResponse<String> ui = get("fiona", "/swagger-ui/index.html");
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
    assertThat(ui.body()).contains("swagger-ui");
    HttpResponse<String> redirect = get("fiona", "/swagger-ui.html");
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("Location")).get().asString().endsWith("/swagger-ui/index.html");
    assertThat(JSON.readTree(get("fiona", "/v3/api-docs/swagger-config").body()).path("url").asText())
        .isEqualTo("/v3/api-docs");
    // reading about the API is for any user; using it stays with the groups that work on complaints
    assertThat(get("ana", "/v3/api-docs").statusCode()).isEqualTo(200);
    assertThat(get("ana", "/api/complaints").statusCode()).isEqualTo(403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config",
      "/swagger-ui.html", "/swagger-ui/index.html", "/swagger-ui/swagger-initializer.js"})
  void withoutALoginTheDocumentationAsksForOne(String path) throws Exception {
    HttpResponse<String> response = get(null, path);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic realm=");
    assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith(PROBLEM_JSON);
  }

  // ------------------------------------------------------------------ helpers

  /**
   * What every documented operation has: an id, a summary and a description; a 2xx with a JSON schema, and
   * 401/403; each error as a problem with an example; each parameter described, its allowed values, default and
   * limits as validated; a required JSON body with examples, and the errors a body can cause (400, 413, 415); 404
   * for a path variable; 400 for any validated input.
   */
  private void assertDocumented(Endpoint e, JsonNode op) {
    assertThat(op.isMissingNode()).as("%s is in the document", e).isFalse();
    for (String text : List.of("operationId", "summary", "description")) {
      assertThat(op.path(text).asText()).as("%s %s", e, text).isNotBlank();
    }
    // the customers' status page's API is open: no security of its own, so no 401 and 403
    boolean open = e.path().startsWith("/api/track/");
    if (open) {
      assertThat(op.path("security").isArray() && op.path("security").isEmpty()).as("%s is open", e).isTrue();
    } else {
      assertThat(op.has("security")).as("%s uses the document's security", e).isFalse();
    }
    JsonNode responses = op.path("responses");
    List<String> codes = fieldNames(responses);
    assertThat(codes).as("%s answers", e).anyMatch(c -> c.startsWith("2"));
    if (!open) {
      assertThat(codes).as("%s answers", e).contains("401", "403");
    }
    for (String code : codes) {
      JsonNode response = resolve(responses.path(code));
      assertThat(response.path("description").asText()).as("%s %s description", e, code).isNotBlank();
      if (code.startsWith("2") && e.path().endsWith("/export")) {
        // a file: each format it comes in with its schema
        assertThat(fieldNames(response.path("content"))).as("%s %s formats", e, code)
            .contains("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.path("content").forEach(m -> assertThat(m.path("schema").isMissingNode())
            .as("%s %s schema", e, code).isFalse());
      } else if (code.startsWith("2") && DOWNLOADS.contains(e.key())) {
        assertThat(response.at("/content/application~1octet-stream/schema/format").asText())
            .as("%s %s binary", e, code).isEqualTo("binary");
      } else if (code.startsWith("2")) {
        assertThat(response.at("/content/" + APPLICATION_JSON.replace("/", "~1") + "/schema").isMissingNode())
            .as("%s %s schema", e, code).isFalse();
      } else {
        assertThat(fieldNames(response.path("content"))).as("%s %s media type", e, code)
            .containsExactly(PROBLEM_JSON);
        JsonNode media = response.path("content").path(PROBLEM_JSON);
        assertThat(media.at("/schema/$ref").asText()).as("%s %s schema", e, code).isEqualTo(PROBLEM);
        assertThat(media.path("examples")).as("%s %s examples", e, code).isNotEmpty();
        media.path("examples").forEach(x ->
            assertThat(x.at("/value/status").asText()).as("%s %s example", e, code).isEqualTo(code));
      }
    }
    boolean validated = false;
    for (Parameter p : e.handler().getParameters()) {
      validated |= Arrays.stream(p.getAnnotations()).anyMatch(a -> isConstraint(a));
      if (p.isAnnotationPresent(RequestBody.class)) {
        JsonNode body = op.path("requestBody");
        assertThat(body.path("required").asBoolean()).as("%s body required", e).isTrue();
        assertThat(body.path("description").asText()).as("%s body description", e).isNotBlank();
        JsonNode media = body.path("content").path(APPLICATION_JSON);
        assertThat(media.at("/schema/$ref").asText()).as("%s body schema", e).startsWith("#/components/schemas/");
        assertThat(media.path("examples")).as("%s body examples", e).isNotEmpty();
        assertThat(codes).as("%s answers to a body", e).contains("400", "413", "415");
        continue;
      }
      String in = p.isAnnotationPresent(PathVariable.class) ? "path"
          : p.isAnnotationPresent(RequestParam.class) ? "query"
          : p.isAnnotationPresent(RequestHeader.class) ? "header" : null;
      if (in == null) {
        continue;
      }
      JsonNode documented = parameter(op, name(p));
      assertThat(documented.path("in").asText()).as("%s %s", e, name(p)).isEqualTo(in);
      assertThat(documented.path("description").asText()).as("%s %s description", e, name(p)).isNotBlank();
      assertThat(documented.has("example") || documented.has("examples")).as("%s %s example", e, name(p)).isTrue();
      if ("path".equals(in)) {
        assertThat(codes).as("%s answers to an unknown id", e).contains("404");
      }
      Pattern pattern = p.getAnnotation(Pattern.class);
      if (pattern != null && WORDS.matcher(pattern.regexp()).matches()) {
        assertThat(words(documented.at("/schema/enum"))).as("%s %s allowed values", e, name(p))
            .containsExactly(choices(pattern.regexp()));
      }
      RequestParam param = p.getAnnotation(RequestParam.class);
      if (param != null && !ValueConstants.DEFAULT_NONE.equals(param.defaultValue())) {
        assertThat(documented.at("/schema/default").asText()).as("%s %s default", e, name(p))
            .isEqualTo(param.defaultValue());
      }
      Size size = p.getAnnotation(Size.class);
      if (size != null) {
        assertThat(documented.at("/schema/maxLength").asInt()).as("%s %s max length", e, name(p))
            .isEqualTo(size.max());
      }
    }
    if (validated) {
      assertThat(codes).as("%s answers to invalid input", e).contains("400");
    }
  }

  private static boolean isConstraint(Annotation a) {
    return a instanceof Valid || a.annotationType().getPackageName().equals("jakarta.validation.constraints");
  }

  private void assertEnumsFollowValidation(Class<?> type, JsonNode schema) {
    assertThat(type.isRecord()).as("%s is a record", type).isTrue();
    for (RecordComponent c : type.getRecordComponents()) {
      JsonNode property = schema.path("properties").path(c.getName());
      assertThat(property.isMissingNode()).as("%s.%s is documented", type.getSimpleName(), c.getName()).isFalse();
      assertThat(property.path("description").asText()).as("%s.%s description", type.getSimpleName(), c.getName())
          .isNotBlank();
      Pattern pattern = c.getAccessor().getAnnotation(Pattern.class);
      if (pattern == null) {
        pattern = field(type, c.getName()).getAnnotation(Pattern.class);
      }
      if (pattern != null && WORDS.matcher(pattern.regexp()).matches()) {
        assertThat(words(property.path("enum"))).as("%s.%s allowed values", type.getSimpleName(), c.getName())
            .containsExactly(choices(pattern.regexp()));
      }
      if (c.getType().isRecord()) {
        assertThat(property.path("$ref").asText()).as("%s.%s schema", type.getSimpleName(), c.getName())
            .isEqualTo("#/components/schemas/" + schemaName(c.getType()));
        assertEnumsFollowValidation(c.getType(), schema(property.path("$ref").asText()));
      }
    }
  }

  /** Every field of an answer is a property of its documented schema, nested objects and arrays too. */
  private void assertDescribed(String ref, JsonNode value, String where) {
    JsonNode schema = schema(ref);
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode property = schema.path("properties").path(f.getKey());
      assertThat(property.isMissingNode()).as("%s.%s is documented", where, f.getKey()).isFalse();
      String nested = property.has("items") ? property.at("/items/$ref").asText() : property.path("$ref").asText();
      if (!nested.isEmpty()) {
        if (f.getValue().isArray()) {
          f.getValue().forEach(v -> assertDescribed(nested, v, where + "." + f.getKey() + "[]"));
        } else {
          assertDescribed(nested, f.getValue(), where + "." + f.getKey());
        }
      }
    }
  }

  private JsonNode operation(Endpoint e) {
    return doc.path("paths").path(e.path()).path(e.method().toLowerCase(Locale.ROOT));
  }

  private List<JsonNode> examples(String path, String method) {
    JsonNode examples = doc.path("paths").path(path).path(method).path("requestBody").path("content")
        .path(APPLICATION_JSON).path("examples");
    assertThat(examples).as("%s %s examples", method, path).isNotEmpty();
    List<JsonNode> values = new ArrayList<>();
    examples.forEach(x -> values.add(x.path("value")));
    return values;
  }

  private static JsonNode parameter(JsonNode op, String name) {
    for (JsonNode p : op.path("parameters")) {
      if (name.equals(p.path("name").asText())) {
        return p;
      }
    }
    throw new AssertionError("parameter " + name + " is not documented: " + op.path("parameters"));
  }

  private JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText();
    return ref.isEmpty() ? node : resolve(doc.at(ref.substring(1)));
  }

  private JsonNode schema(String ref) {
    assertThat(ref).startsWith("#/components/schemas/");
    JsonNode schema = doc.at(ref.substring(1));
    assertThat(schema.isMissingNode()).as("%s exists", ref).isFalse();
    return schema;
  }

  private static String schemaName(Class<?> type) {
    Schema schema = type.getAnnotation(Schema.class);
    return schema != null && !schema.name().isEmpty() ? schema.name() : type.getSimpleName();
  }

  private static java.lang.reflect.Field field(Class<?> type, String name) {
    try {
      return type.getDeclaredField(name);
    } catch (NoSuchFieldException e) {
      throw new AssertionError(e);
    }
  }

  private static String name(Parameter p) {
    String name = "";
    if (p.getAnnotation(RequestParam.class) != null) {
      name = p.getAnnotation(RequestParam.class).name();
    } else if (p.getAnnotation(RequestHeader.class) != null) {
      name = p.getAnnotation(RequestHeader.class).name();
    } else if (p.getAnnotation(PathVariable.class) != null) {
      name = p.getAnnotation(PathVariable.class).name();
    }
    return name.isEmpty() ? p.getName() : name;
  }

  private static String[] choices(String regexp) {
    java.util.regex.Matcher m = WORDS.matcher(regexp);
    assertThat(m.matches()).isTrue();
    return m.group(1).split("\\|");
  }

  private static List<String> words(JsonNode array) {
    List<String> words = new ArrayList<>();
    array.forEach(w -> words.add(w.asText()));
    return words;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
    return http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, JsonNode body) throws IOException, InterruptedException {
    return http.send(request("fiona", path).header("Content-Type", APPLICATION_JSON)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String user, String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
    return b;
  }
}

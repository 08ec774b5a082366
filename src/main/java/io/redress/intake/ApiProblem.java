package io.redress.intake;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.List;

/**
 * The body of every error of the complaint API, for its OpenAPI description only: {@link ApiProblems} and the
 * authentication filter write Spring's {@code ProblemDetail} (RFC 9457) as {@code application/problem+json}.
 * {@link FieldError} is the real thing: {@link ApiProblems} puts it in {@code errors}.
 */
@Schema(name = "Problem", description = """
    RFC 9457 problem details, sent as `application/problem+json` with every 4xx and 5xx answer of the API. \
    `type` is stable and names the kind of problem; `title` is its short human-readable summary; `detail` \
    says what is wrong with this request. A 400 for invalid input lists each bad field in `errors`.""")
record ApiProblem(
    @Schema(description = "A URI that identifies the kind of problem; `about:blank` when the status says it all.",
        example = "https://redress.example/problems/invalid-complaint", requiredMode = Schema.RequiredMode.REQUIRED,
        allowableValues = {"https://redress.example/problems/invalid-complaint",
            "https://redress.example/problems/malformed-request",
            "https://redress.example/problems/complaint-not-found",
            "https://redress.example/problems/complaint-closed",
            "https://redress.example/problems/complaint-already-waiting",
            "https://redress.example/problems/complaint-not-waiting",
            "https://redress.example/problems/concurrent-change",
            "https://redress.example/problems/request-too-large",
            "https://redress.example/problems/too-many-login-failures",
            "https://redress.example/problems/case-not-started", "https://redress.example/problems/server-error",
            "https://redress.example/problems/database-unavailable",
            "https://redress.example/problems/no-matching-complaint",
            "https://redress.example/problems/too-many-requests",
            "https://redress.example/problems/feedback-not-requested",
            "about:blank"})
    URI type,
    @Schema(description = "A short summary of the kind of problem, the same for every occurrence.",
        example = "Invalid request", requiredMode = Schema.RequiredMode.REQUIRED)
    String title,
    @Schema(description = "The HTTP status code.", example = "400", minimum = "400", maximum = "599",
        requiredMode = Schema.RequiredMode.REQUIRED)
    int status,
    @Schema(description = "What is wrong with this request.",
        example = "customer.name is required; channel must be one of: phone, chat, email, social, web, letter, visit")
    String detail,
    @Schema(description = "The path of the request.", example = "/api/complaints", format = "uri-reference")
    URI instance,
    @ArraySchema(arraySchema = @Schema(description = """
        Each bad field with what is wrong with it, sorted by field (400 for invalid input only). Nested fields \
        are dotted (`customer.name`); a query parameter or header is named as sent (`size`, `Idempotency-Key`)."""))
    List<FieldError> errors,
    @Schema(description = "For a server-side failure (5xx): the reference under which the cause is in the server's "
        + "log and the audit log.", example = "0b6f3c9e-4f5e-4c41-9d0a-2f1f7f3b9a11")
    String reference) {

  /** One bad field of a request and what is wrong with it. */
  @Schema(name = "FieldError", description = "One bad field of the request and what is wrong with it.")
  record FieldError(
      @Schema(description = "The field's path in the body, or the query parameter's or header's name.",
          example = "customer.name", requiredMode = Schema.RequiredMode.REQUIRED)
      String field,
      @Schema(description = "What is wrong with it, in words that follow the field's name.", example = "is required",
          requiredMode = Schema.RequiredMode.REQUIRED)
      String message) {
  }
}

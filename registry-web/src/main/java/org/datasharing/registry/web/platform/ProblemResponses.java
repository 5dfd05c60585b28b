package org.datasharing.registry.web.platform;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.identity.DirectoryException;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Documents every operation's problem responses in {@code /v3/api-docs}, as {@code
 * application/problem+json} with the {@value #SCHEMA} schema and an example from {@link Problems}.
 * The statuses are derived, not written on each method:
 *
 * <ul>
 *   <li>401 when the security filter chains refuse a caller without a token, 403 when they refuse a
 *       signed-in caller without roles, and for every signed-in write or read of one resource (the
 *       core's "role AND organisation" check);
 *   <li>400 for a body that is not JSON or a parameter that cannot be read, 404 for a path that
 *       names a resource, 406 when the operation negotiates {@code Accept}, 409 (the current state,
 *       or a lost race), 413 and 422 for writes and bodies, 422 for bad parameter values;
 *   <li>the identity provider's statuses ({@link Problems#status(DirectoryException.Kind)}) for
 *       controllers that handle {@link DirectoryException}, and whatever a feature's {@link
 *       OperationProblems} knows.
 * </ul>
 *
 * A success other than 200 is declared on the method with {@code @ApiResponse}; it then replaces
 * the 200 springdoc assumes.
 */
@Component
class ProblemResponses implements GlobalOpenApiCustomizer {
  static final String SCHEMA = "Problem";

  private static final Authentication ANONYMOUS =
      new AnonymousAuthenticationToken(
          "openapi", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
  private static final Authentication NO_ROLES =
      UsernamePasswordAuthenticationToken.authenticated("someone", "n/a", List.of());

  private static final Map<HttpStatus, String> MEANING =
      Map.ofEntries(
          Map.entry(
              HttpStatus.BAD_REQUEST,
              "The request cannot be read: a body that is not valid JSON, or a parameter missing"
                  + " or not one the operation knows"),
          Map.entry(
              HttpStatus.UNAUTHORIZED,
              "No valid bearer token from the registry's Keycloak (WWW-Authenticate: Bearer)"),
          Map.entry(HttpStatus.FORBIDDEN, "The caller's role or organisation does not allow this"),
          Map.entry(HttpStatus.NOT_FOUND, "No such resource, or none the caller may see"),
          Map.entry(
              HttpStatus.NOT_ACCEPTABLE,
              "None of the media types in Accept is offered; errors names what is"),
          Map.entry(
              HttpStatus.CONFLICT,
              "Not allowed in the current state, or another change came first; nothing was"
                  + " changed"),
          Map.entry(
              HttpStatus.CONTENT_TOO_LARGE,
              "The request body is over registry.api.max-body-bytes (1 MB by default)"),
          Map.entry(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The body's media type is not accepted"),
          Map.entry(
              HttpStatus.UNPROCESSABLE_CONTENT,
              "Invalid content or parameter value: errors names each field and what is wrong;"
                  + " nothing was changed"),
          Map.entry(
              HttpStatus.TOO_MANY_REQUESTS, "Too many at once; Retry-After says when to try again"),
          Map.entry(
              HttpStatus.BAD_GATEWAY,
              "Keycloak failed or refused the registry; pendingOperation names what is left to do"
                  + " when the registry recorded the change"),
          Map.entry(
              HttpStatus.SERVICE_UNAVAILABLE,
              "A service the registry needs did not answer in time, or is not configured; try"
                  + " again later"));

  private final RequestMappingHandlerMapping mappings;
  private final ObjectProvider<WebInvocationPrivilegeEvaluator> privileges;
  private final List<OperationProblems> features;

  ProblemResponses(
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings,
      ObjectProvider<WebInvocationPrivilegeEvaluator> privileges,
      List<OperationProblems> features) {
    this.mappings = mappings;
    this.privileges = privileges;
    this.features = features;
  }

  @Override
  public void customise(OpenAPI api) {
    if (api.getPaths() == null) {
      return;
    }
    if (api.getComponents() == null) {
      api.setComponents(new io.swagger.v3.oas.models.Components());
    }
    api.getComponents().addSchemas(SCHEMA, schema());
    Map<String, HandlerMethod> handlers = handlers();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) ->
                            document(
                                path,
                                method,
                                operation,
                                handlers.get(method.name() + " " + path))));
  }

  private void document(
      String path, PathItem.HttpMethod method, Operation operation, HandlerMethod handler) {
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    if (handler != null) {
      declaredSuccess(operation.getResponses(), handler);
    }
    for (HttpStatus status : statuses(path, method, operation, handler)) {
      operation.getResponses().addApiResponse(String.valueOf(status.value()), response(status));
    }
  }

  /** What springdoc assumed (200) gives way to the success the method declares, if any. */
  private static void declaredSuccess(ApiResponses responses, HandlerMethod handler) {
    Set<String> declared =
        Arrays.stream(
                handler
                    .getMethod()
                    .getAnnotationsByType(
                        io.swagger.v3.oas.annotations.responses.ApiResponse.class))
            .map(io.swagger.v3.oas.annotations.responses.ApiResponse::responseCode)
            .filter(code -> code.startsWith("2"))
            .collect(java.util.stream.Collectors.toSet());
    if (!declared.isEmpty()) {
      responses.keySet().removeIf(code -> code.startsWith("2") && !declared.contains(code));
    }
  }

  /** The problem statuses of one operation, in order. */
  Set<HttpStatus> statuses(
      String path, PathItem.HttpMethod method, Operation operation, HandlerMethod handler) {
    List<Parameter> parameters =
        operation.getParameters() == null ? List.of() : operation.getParameters();
    boolean write =
        method != PathItem.HttpMethod.GET
            && method != PathItem.HttpMethod.HEAD
            && method != PathItem.HttpMethod.OPTIONS;
    boolean body = operation.getRequestBody() != null;
    boolean names = parameters.stream().anyMatch(p -> "path".equals(p.getIn()));
    boolean typedPath =
        parameters.stream().anyMatch(p -> "path".equals(p.getIn()) && !isString(p.getSchema()));
    boolean query = parameters.stream().anyMatch(p -> "query".equals(p.getIn()));
    boolean negotiates =
        parameters.stream()
            .anyMatch(p -> "header".equals(p.getIn()) && "Accept".equalsIgnoreCase(p.getName()));
    String uri = path.replaceAll("\\{[^}]*}", "x");
    boolean anonymous = allowed(uri, method, ANONYMOUS);
    boolean withoutRoles = allowed(uri, method, NO_ROLES);

    Set<HttpStatus> statuses = EnumSet.noneOf(HttpStatus.class);
    if (body || query) {
      statuses.add(HttpStatus.BAD_REQUEST);
    }
    if (!anonymous) {
      statuses.add(HttpStatus.UNAUTHORIZED);
    }
    if (!withoutRoles || (!anonymous && (write || names))) {
      statuses.add(HttpStatus.FORBIDDEN);
    }
    if (names) {
      statuses.add(HttpStatus.NOT_FOUND);
    }
    if (negotiates) {
      statuses.add(HttpStatus.NOT_ACCEPTABLE);
    }
    if (write) {
      statuses.add(HttpStatus.CONFLICT);
    }
    if (write || body) {
      statuses.add(HttpStatus.CONTENT_TOO_LARGE);
      statuses.add(HttpStatus.UNPROCESSABLE_CONTENT);
    }
    if (query || typedPath) {
      statuses.add(HttpStatus.UNPROCESSABLE_CONTENT);
    }
    if (handler != null) {
      if (handlesDirectoryTrouble(handler)) {
        for (DirectoryException.Kind kind : DirectoryException.Kind.values()) {
          statuses.add(Problems.status(kind));
        }
      }
      for (OperationProblems feature : features) {
        statuses.addAll(feature.statuses(handler));
      }
    }
    return statuses;
  }

  private boolean allowed(String uri, PathItem.HttpMethod method, Authentication who) {
    WebInvocationPrivilegeEvaluator evaluator = privileges.getIfAvailable();
    return evaluator == null || evaluator.isAllowed("", uri, method.name(), who);
  }

  private static boolean isString(Schema<?> schema) {
    if (schema == null) {
      return true;
    }
    return "string".equals(schema.getType())
        || (schema.getTypes() != null && schema.getTypes().contains("string"));
  }

  /** The controller answers the identity provider's failures itself (502/503, ...). */
  private static boolean handlesDirectoryTrouble(HandlerMethod handler) {
    boolean[] found = {false};
    ReflectionUtils.doWithMethods(
        handler.getBeanType(),
        m -> {
          ExceptionHandler h =
              AnnotatedElementUtils.findMergedAnnotation(m, ExceptionHandler.class);
          if (h != null
              && (Arrays.asList(h.value()).contains(DirectoryException.class)
                  || Arrays.asList(m.getParameterTypes()).contains(DirectoryException.class))) {
            found[0] = true;
          }
        });
    return found[0];
  }

  /** Handler methods by "METHOD /path" as springdoc writes paths (without patterns' regexes). */
  private Map<String, HandlerMethod> handlers() {
    Map<String, HandlerMethod> byPath = new HashMap<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
      for (String pattern : e.getKey().getPatternValues()) {
        String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
        var methods = e.getKey().getMethodsCondition().getMethods();
        if (methods.isEmpty()) {
          for (PathItem.HttpMethod m : PathItem.HttpMethod.values()) {
            byPath.putIfAbsent(m.name() + " " + path, e.getValue());
          }
        }
        methods.forEach(m -> byPath.put(m.name() + " " + path, e.getValue()));
      }
    }
    return byPath;
  }

  private static ApiResponse response(HttpStatus status) {
    MediaType problem =
        new MediaType()
            .schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))
            .example(example(status));
    return new ApiResponse()
        .description(MEANING.getOrDefault(status, status.getReasonPhrase()))
        .content(
            new Content()
                .addMediaType(
                    org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE, problem));
  }

  /** An example built by the one problem factory, so it has the shape clients really get. */
  private static Map<String, Object> example(HttpStatus status) {
    List<Violation> violations =
        switch (status) {
          case UNPROCESSABLE_CONTENT ->
              List.of(new Violation("parties[0].lawfulBasis", "State the lawful basis"));
          case BAD_REQUEST -> List.of(new Violation("body", "The request body is not valid JSON"));
          default -> List.of();
        };
    ProblemDetail p =
        Problems.problem(
            status, MEANING.getOrDefault(status, status.getReasonPhrase()), violations);
    Map<String, Object> example = new LinkedHashMap<>();
    example.put("type", String.valueOf(p.getType()));
    example.put("title", p.getTitle());
    example.put("status", p.getStatus());
    example.put("detail", p.getDetail());
    if (p.getProperties() != null) {
      example.putAll(new TreeMap<>(p.getProperties()));
    }
    return example;
  }

  /** RFC 9457 problem details as the registry writes them. */
  private static Schema<?> schema() {
    Schema<?> error =
        new ObjectSchema()
            .addProperty("field", new StringSchema().description("the field or parameter"))
            .addProperty("message", new StringSchema().description("what is wrong with it"));
    return new ObjectSchema()
        .description("RFC 9457 problem details (application/problem+json)")
        .addProperty(
            "type",
            new StringSchema()
                .format("uri")
                .description(Problems.TYPES + " and the status in words, or a documented slug"))
        .addProperty("title", new StringSchema().description("the status's reason phrase"))
        .addProperty("status", new IntegerSchema().description("the HTTP status"))
        .addProperty("detail", new StringSchema().description("what went wrong, in words"))
        .addProperty("instance", new StringSchema().format("uri").description("the request's path"))
        .addProperty(
            "errors",
            new ArraySchema().items(error).description("each invalid field, when there are any"))
        .required(List.of("type", "title", "status"));
  }
}

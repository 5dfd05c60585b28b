package org.datasharing.registry.web.sparql;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.sparql.SparqlOutcome;
import org.datasharing.registry.core.sparql.SparqlRequest;
import org.datasharing.registry.core.sparql.SparqlResponse;
import org.datasharing.registry.core.sparql.SparqlService;
import org.datasharing.registry.web.operations.DomainMetrics;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SPARQL 1.1 Protocol's query operation at {@code /sparql}: GET with {@code query=}, POST of an
 * HTML form, or POST of the query itself ({@code application/sparql-query}), with {@code
 * default-graph-uri} / {@code named-graph-uri}. It only reads the request into a {@link
 * SparqlRequest}; parsing, access, limits and result writing are the core's.
 */
@RestController
class SparqlController {
  private static final MediaType SPARQL_QUERY =
      MediaType.parseMediaType("application/sparql-query");
  private static final MediaType SPARQL_UPDATE =
      MediaType.parseMediaType("application/sparql-update");

  private final SparqlService sparql;
  private final DomainMetrics metrics;

  SparqlController(SparqlService sparql, DomainMetrics metrics) {
    this.sparql = sparql;
    this.metrics = metrics;
  }

  @RequestMapping(
      path = "/sparql",
      method = {RequestMethod.GET, RequestMethod.POST})
  ResponseEntity<Object> query(HttpServletRequest request, Authentication authentication)
      throws IOException {
    long started = System.nanoTime();
    String[] outcome = {null};
    ResponseEntity<Object> response = answer(request, authentication, outcome);
    metrics.sparql(
        outcome[0] != null ? outcome[0] : protocolOutcome(response.getStatusCode().value()),
        System.nanoTime() - started);
    return response;
  }

  /** What a request the core never saw came to: refused by the protocol checks here. */
  private static String protocolOutcome(int status) {
    return switch (status) {
      case 413 -> "too_large";
      case 415 -> "unsupported_media_type";
      default -> status < 400 ? "ok" : "bad_request";
    };
  }

  /** The answer; {@code result[0]} is set to the core's outcome when the core saw the query. */
  private ResponseEntity<Object> answer(
      HttpServletRequest request, Authentication authentication, String[] result)
      throws IOException {
    int max = sparql.limits().maxQueryBytes();
    if (request.getContentLengthLong() > max
        || (request.getQueryString() != null && request.getQueryString().length() > max)) {
      return tooLarge(max);
    }
    if (request.getParameterValues("update") != null) {
      result[0] = "REFUSED";
      return refusedUpdate("update");
    }
    Read read = queryText(request, max);
    if (read.problem() != null) {
      return read.problem();
    }
    SparqlRequest sparqlRequest =
        new SparqlRequest(
            read.query(),
            values(request, "default-graph-uri"),
            values(request, "named-graph-uri"),
            accepted(request));
    Actor actor = Actors.of(authentication);
    SparqlOutcome<SparqlResponse> outcome =
        sparql.execute(actor, caller(actor, request), sparqlRequest);
    result[0] = outcome.ok() ? "ok" : outcome.problem().kind().name();
    if (!outcome.ok()) {
      // a refused query can try again once a running one has ended, at the latest its timeout
      return SparqlProblems.of(outcome.problem(), sparql.limits().timeout());
    }
    SparqlResponse answer = outcome.value();
    MediaType type = MediaType.parseMediaType(answer.format().mediaType());
    if (type.getType().equals("text")) {
      type = new MediaType(type, StandardCharsets.UTF_8);
    }
    return ResponseEntity.ok()
        .contentType(type)
        .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
        .cacheControl(CacheControl.noStore())
        .body(answer.body());
  }

  /**
   * Whose share of concurrent queries this one counts against: the signed-in person, or for anyone
   * else the client's address (behind a proxy, set {@code server.forward-headers-strategy} so that
   * it is the client's and not the proxy's).
   */
  private static String caller(Actor actor, HttpServletRequest request) {
    return actor.equals(Actors.ANONYMOUS)
        ? "address:" + request.getRemoteAddr()
        : "user:" + actor.subject();
  }

  /** The query text, or the problem with how it was sent. */
  private record Read(String query, ResponseEntity<Object> problem) {
    static Read of(String query) {
      return new Read(query, null);
    }

    static Read failed(ResponseEntity<Object> problem) {
      return new Read(null, problem);
    }
  }

  private Read queryText(HttpServletRequest request, int max) throws IOException {
    if (request.getMethod().equals("GET")) {
      return single(request.getParameterValues("query"));
    }
    MediaType contentType;
    try {
      contentType =
          request.getContentType() == null
              ? null
              : MediaType.parseMediaType(request.getContentType());
    } catch (InvalidMediaTypeException e) {
      contentType = null;
    }
    if (contentType != null
        && contentType.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)) {
      return single(request.getParameterValues("query"));
    }
    if (contentType != null && contentType.isCompatibleWith(SPARQL_UPDATE)) {
      return Read.failed(refusedUpdate("body"));
    }
    if (contentType == null || !contentType.isCompatibleWith(SPARQL_QUERY)) {
      return Read.failed(
          SparqlProblems.request(
              HttpStatus.UNSUPPORTED_MEDIA_TYPE,
              "Content-Type",
              "POST the query as application/sparql-query, or as an HTML form"
                  + " (application/x-www-form-urlencoded) with a query parameter"));
    }
    Charset charset = Optional.ofNullable(contentType.getCharset()).orElse(StandardCharsets.UTF_8);
    if (!charset.equals(StandardCharsets.UTF_8)) {
      return Read.failed(
          SparqlProblems.request(
              HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type", "Send the query in UTF-8"));
    }
    if (request.getParameterValues("query") != null) {
      return Read.failed(
          SparqlProblems.request(
              HttpStatus.BAD_REQUEST,
              "query",
              "Send the query either in the body or as the query parameter, not both"));
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(max + 1);
    }
    if (body.length > max) {
      return Read.failed(tooLarge(max));
    }
    return Read.of(new String(body, StandardCharsets.UTF_8));
  }

  private static Read single(String[] queries) {
    if (queries == null || queries.length == 0) {
      return Read.failed(
          SparqlProblems.request(
              HttpStatus.BAD_REQUEST, "query", "Send a SPARQL query in the query parameter"));
    }
    if (queries.length > 1) {
      return Read.failed(
          SparqlProblems.request(
              HttpStatus.BAD_REQUEST, "query", "Send exactly one query parameter"));
    }
    return Read.of(queries[0]);
  }

  private static List<String> values(HttpServletRequest request, String name) {
    String[] values = request.getParameterValues(name);
    return values == null ? List.of() : List.of(values);
  }

  /** The accepted media types, most wanted first (stable for equal quality); none means any. */
  private static List<String> accepted(HttpServletRequest request) {
    List<MediaType> types = new ArrayList<>();
    for (String header : Collections.list(request.getHeaders(HttpHeaders.ACCEPT))) {
      try {
        types.addAll(MediaType.parseMediaTypes(header));
      } catch (InvalidMediaTypeException e) {
        // an unreadable Accept header is treated as no preference
      }
    }
    return types.stream()
        .filter(t -> t.getQualityValue() > 0)
        .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
        .map(t -> t.getType() + "/" + t.getSubtype())
        .toList();
  }

  private static ResponseEntity<Object> tooLarge(int max) {
    return SparqlProblems.request(
        HttpStatus.CONTENT_TOO_LARGE,
        "query",
        "The request is larger than " + max + " bytes; send a shorter query");
  }

  private static ResponseEntity<Object> refusedUpdate(String field) {
    return SparqlProblems.request(
        HttpStatus.BAD_REQUEST,
        field,
        "SPARQL Update is refused: this endpoint is read-only; change data through the"
            + " registry's API");
  }
}

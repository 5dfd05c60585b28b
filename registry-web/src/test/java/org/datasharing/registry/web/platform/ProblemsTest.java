package org.datasharing.registry.web.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ProblemsTest {

  @Test
  void problem_isTypedByItsStatus_andNamesEachField() {
    ProblemDetail p =
        Problems.problem(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "Not valid",
            List.of(new Violation("title", "Give a title")));

    assertThat(p.getType()).hasToString("https://w3id.org/dsr/problems/unprocessable-content");
    assertThat(p.getTitle()).isEqualTo("Unprocessable Content");
    assertThat(p.getProperties()).containsKey("errors");
  }

  @Test
  void forbidden_isTheSameType_fromACoreResult_andFromAFilter() throws Exception {
    var fromResult = Problems.problem(Result.forbidden("no"));
    var response = new MockHttpServletResponse();

    Problems.write(
        new MockHttpServletRequest("GET", "/api/audit/events"),
        response,
        HttpStatus.FORBIDDEN,
        "Your role does not allow this");

    assertThat(((ProblemDetail) fromResult.getBody()).getType())
        .hasToString("https://w3id.org/dsr/problems/forbidden");
    assertThat(response.getStatus()).isEqualTo(403);
    assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    assertThat(response.getContentAsString())
        .isEqualTo(
            "{\"type\":\"https://w3id.org/dsr/problems/forbidden\",\"title\":\"Forbidden\","
                + "\"status\":403,\"detail\":\"Your role does not allow this\","
                + "\"instance\":\"/api/audit/events\"}");
  }

  @Test
  void write_escapesText_andListsErrors() {
    ProblemDetail p =
        Problems.problem(
            HttpStatus.BAD_REQUEST, "a \"b\"\n\\", List.of(new Violation("q", "tab\there")));

    assertThat(ProblemJson.of(p))
        .contains("\"detail\":\"a \\\"b\\\"\\n\\\\\"")
        .contains("\"errors\":[{\"field\":\"q\",\"message\":\"tab\\there\"}]");
  }
}

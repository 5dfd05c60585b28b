package org.datasharing.registry.web.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SessionStoreOutageTest {
  private static final RedisConnectionFailureException DOWN =
      new RedisConnectionFailureException(
          "Unable to connect to Redis", new io.lettuce.core.RedisConnectionException("refused"));

  private static MockHttpServletResponse send(MockHttpServletRequest request, Throwable thrown)
      throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    new SessionStoreOutage()
        .doFilter(
            request,
            response,
            (req, res) -> {
              res.getWriter().write("half a page");
              if (thrown instanceof RuntimeException r) {
                throw r;
              }
              throw (ServletException) thrown;
            });
    return response;
  }

  @Test
  void redisDown_onAPage_answers503_withThePage_notAStackTrace() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/account/notifications");
    request.addHeader("Accept", "text/html,application/xhtml+xml");
    MockHttpServletResponse response = send(request, new ServletException("wrapped", DOWN));

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getContentType()).startsWith("text/html");
    assertThat(response.getHeader("Retry-After")).isEqualTo("30");
    assertThat(response.getHeader("Content-Security-Policy")).isNotBlank();
    assertThat(response.getContentAsString())
        .contains("Sorry, signing in is not working at the moment")
        .doesNotContain("half a page", "Exception", "Redis");
  }

  @Test
  void redisDown_forAJsonCaller_answersAProblemNamingTheSessionStore() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/agreements");
    request.addHeader("Accept", "application/json");
    MockHttpServletResponse response = send(request, DOWN);

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(response.getContentAsString()).contains("session store (Redis)", "bearer tokens");
  }

  @Test
  void anotherFailure_isNotTheFiltersToAnswer() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
    assertThatThrownBy(() -> send(request, new IllegalStateException("a bug")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a bug");
  }

  @Test
  void redisDown_afterTheResponseWasSent_cannotBeRewritten() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
    MockHttpServletResponse response = new MockHttpServletResponse();
    assertThatThrownBy(
            () ->
                new SessionStoreOutage()
                    .doFilter(
                        request,
                        response,
                        (req, res) -> {
                          res.flushBuffer();
                          throw DOWN;
                        }))
        .isSameAs(DOWN);
  }
}

package org.datasharing.registry.web.pages;

import java.util.List;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.web.platform.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Shared answers of the page controllers. */
public final class Pages {
  private Pages() {}

  /** The page for a failed core call: not found, not allowed, not now, or not valid. */
  public static ModelAndView failure(Result<?> result) {
    HttpStatus status = Problems.status(result.failure());
    return problem(status, heading(status), Labels.statusWords(String.valueOf(result.message())));
  }

  /** The problem page (HTML; the API answers problem+json instead). */
  public static ModelAndView problem(HttpStatus status, String heading, String message) {
    ModelAndView mav = new ModelAndView("problem", status);
    mav.addObject("heading", heading);
    mav.addObject("message", message);
    return mav;
  }

  /**
   * The answer to a form whose core call is done: the failure page, or the success message (made
   * from the result) flashed to the page it redirects to.
   */
  public static <T> ModelAndView redirectOr(
      Result<T> result,
      RedirectAttributes redirect,
      String to,
      java.util.function.Function<T, String> success) {
    if (!result.ok()) {
      return failure(result);
    }
    redirect.addFlashAttribute("success", success.apply(result.value()));
    return new ModelAndView("redirect:" + to);
  }

  public static ModelAndView notFound(String message) {
    return problem(HttpStatus.NOT_FOUND, heading(HttpStatus.NOT_FOUND), message);
  }

  private static String heading(HttpStatus status) {
    return switch (status) {
      case NOT_FOUND -> "Page not found";
      case FORBIDDEN -> "You cannot see or do this";
      case CONFLICT -> "This cannot be done now";
      default -> "There is a problem";
    };
  }

  /**
   * One entry of a GOV.UK error summary: the message and the id of the input it links to, on this
   * page or (when {@code page} is not empty) on the page that asks the question.
   */
  public record ErrorLink(String field, String anchor, String message, String page) {
    public ErrorLink(String field, String anchor, String message) {
      this(field, anchor, message, "");
    }

    public String href() {
      return page + "#" + anchor;
    }
  }

  public static List<ErrorLink> errorLinks(List<Violation> violations) {
    return violations.stream()
        .map(v -> new ErrorLink(v.field(), Questions.anchor(v.field()), v.message()))
        .toList();
  }
}

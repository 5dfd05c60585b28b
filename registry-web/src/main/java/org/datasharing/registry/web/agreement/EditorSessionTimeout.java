package org.datasharing.registry.web.agreement;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** How long a signed-in editor page's session lasts: its timeout warning counts down to the end. */
@ControllerAdvice(
    assignableTypes = {AgreementEditorController.class, AgreementPartyAnswersController.class})
class EditorSessionTimeout {
  private final String sessionTimeout;

  EditorSessionTimeout(@Value("${server.servlet.session.timeout:30m}") String sessionTimeout) {
    this.sessionTimeout = sessionTimeout;
  }

  @ModelAttribute("sessionTimeout")
  String sessionTimeout() {
    return sessionTimeout;
  }
}

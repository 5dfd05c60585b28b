package org.datasharing.registry.web.register;

import org.datasharing.registry.core.audit.SignedTreeHead;
import org.datasharing.registry.core.audit.TreeHeads;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The register page's small "audit log checkpoint" block: the current signed tree head. */
@ControllerAdvice(assignableTypes = RegisterPage.class)
class TreeHeadAdvice {
  private final TreeHeads treeHeads;

  TreeHeadAdvice(TreeHeads treeHeads) {
    this.treeHeads = treeHeads;
  }

  @ModelAttribute("treeHead")
  SignedTreeHead treeHead() {
    return treeHeads.latest();
  }
}

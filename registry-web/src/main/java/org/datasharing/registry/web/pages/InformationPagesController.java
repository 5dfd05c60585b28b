package org.datasharing.registry.web.pages;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The privacy notice, cookies and accessibility statement, linked from every page's footer. */
@Controller
@PageController
class InformationPagesController {
  @GetMapping("/privacy")
  String privacy() {
    return "privacy";
  }

  @GetMapping("/cookies")
  String cookies() {
    return "cookies";
  }

  @GetMapping("/accessibility")
  String accessibility() {
    return "accessibility";
  }
}

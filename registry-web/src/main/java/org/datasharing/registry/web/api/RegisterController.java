package org.datasharing.registry.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.agreement.AgreementService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Register", description = "The public transparency register (no sign-in)")
class RegisterController {
  private final Registry registry;

  RegisterController(Registry registry) {
    this.registry = registry;
  }

  @GetMapping("/api/register")
  @Operation(
      summary = "Agreements in force or recently ended, with the fields a public body publishes")
  List<AgreementService.RegisterEntry> register() {
    return registry.agreements().register();
  }
}

package org.datasharing.registry.web.admin;

import java.nio.file.Path;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.store.StoreBackups;
import org.datasharing.registry.web.pages.PageController;
import org.datasharing.registry.web.security.Actors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * For registry administrators: "Back up now" on the dashboard, the same online backup as {@code
 * POST /api/admin/backups}.
 */
@Controller
@PageController
class BackupsAdminController {
  private final StoreBackups backups;

  BackupsAdminController(StoreBackups backups) {
    this.backups = backups;
  }

  @PostMapping("/admin/backups")
  ModelAndView backup(Authentication auth, RedirectAttributes flash) {
    Actor actor = Actors.of(auth);
    if (!AdminPages.admin(actor)) {
      return AdminPages.adminsOnly();
    }
    Result<Path> r = backups.backup(actor);
    if (!r.ok()) {
      return AdminPages.failure(r);
    }
    flash.addFlashAttribute("success", "Backup written: " + r.value().getFileName());
    return new ModelAndView("redirect:/");
  }
}

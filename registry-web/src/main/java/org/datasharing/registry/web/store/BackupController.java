package org.datasharing.registry.web.store;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.store.StoreBackups;
import org.datasharing.registry.web.platform.Problems;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Operations", description = "Backups of the registry's store")
class BackupController {
  private final StoreBackups backups;

  BackupController(StoreBackups backups) {
    this.backups = backups;
  }

  @PostMapping("/api/admin/backups")
  @ApiResponse(responseCode = "201", description = "The backup file written and its size")
  @Operation(
      summary =
          "Write an online, consistent backup of the embedded store (registry administrators)",
      description =
          "201 with the file written under registry.store.backup-dir (gzipped N-Quads); 409 on a"
              + " remote store, which its own server backs up.")
  ResponseEntity<Object> backup(Authentication auth) {
    Result<Map<String, Object>> r = backups.backup(Actors.of(auth)).map(BackupController::describe);
    return Problems.answer(r, HttpStatus.CREATED);
  }

  private static Map<String, Object> describe(Path file) {
    try {
      return Map.of("file", file.toAbsolutePath().toString(), "bytes", Files.size(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

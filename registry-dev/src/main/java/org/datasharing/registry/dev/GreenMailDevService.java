package org.datasharing.registry.dev;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local mail server for development: GreenMail's standalone jar from Maven Central ({@code
 * com.icegreen:greenmail-standalone}, copied by the registry-web build into {@code
 * target/greenmail}), run as a child process like the Keycloak dev service, so it stays off the
 * application's classpath. It accepts mail for any address on SMTP {@value #SMTP_PORT} and shows
 * every mailbox over HTTP on {@value #API_PORT} (its web page and REST API). A GreenMail already
 * answering on those ports is reused.
 */
public final class GreenMailDevService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GreenMailDevService.class);

  public static final int SMTP_PORT = 3025;
  public static final int API_PORT = 8025;

  /** System property and environment variable naming the standalone jar. */
  public static final String JAR_PROPERTY = "registry.greenmail.jar";

  static final String JAR_ENV = "REGISTRY_GREENMAIL_JAR";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int smtpPort;
  private final int apiPort;

  private GreenMailDevService(Process process, int smtpPort, int apiPort) {
    this.process = process;
    this.smtpPort = smtpPort;
    this.apiPort = apiPort;
  }

  /** The standalone jar: system property, environment variable, or the build's copy. */
  public static Path jar() {
    String configured = System.getProperty(JAR_PROPERTY, System.getenv(JAR_ENV));
    return Path.of(
        configured != null && !configured.isBlank()
            ? configured
            : "registry-web/target/greenmail/greenmail-standalone.jar");
  }

  /** Starts (or reuses) GreenMail on the given ports and waits until its API answers. */
  public static GreenMailDevService start(Path jar, int smtpPort, int apiPort) {
    if (ready(apiPort)) {
      log.info("GreenMail already answers on port {}: reusing it", apiPort);
      return new GreenMailDevService(null, smtpPort, apiPort);
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "No GreenMail standalone jar at "
              + jar.toAbsolutePath()
              + "; build registry-web (it copies com.icegreen:greenmail-standalone) or set "
              + JAR_PROPERTY);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-Dgreenmail.smtp.hostname=127.0.0.1",
            "-Dgreenmail.smtp.port=" + smtpPort,
            "-Dgreenmail.api.hostname=127.0.0.1",
            "-Dgreenmail.api.port=" + apiPort,
            // any address, no passwords: a development sink for the registry's and Keycloak's mail
            "-Dgreenmail.auth.disabled",
            "-jar",
            jar.toAbsolutePath().toString());
    try {
      Path logFile = Files.createTempFile("greenmail-dev-", ".log");
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
              .start();
      // at the latest when the JVM exits
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "greenmail-dev-stop"));
      GreenMailDevService service = new GreenMailDevService(p, smtpPort, apiPort);
      long until = System.nanoTime() + READY_TIMEOUT.toNanos();
      while (!ready(apiPort)) {
        if (!p.isAlive() || System.nanoTime() > until) {
          service.close();
          throw new IllegalStateException(
              "GreenMail did not start on SMTP port " + smtpPort + "; see " + logFile);
        }
        Thread.sleep(250);
      }
      log.info("GreenMail started: SMTP localhost:{}, messages on {}", smtpPort, webUrl(apiPort));
      return service;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start GreenMail", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting GreenMail", e);
    }
  }

  private static boolean ready(int apiPort) {
    try {
      HttpResponse<Void> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(webUrl(apiPort) + "/api/service/readiness"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String webUrl(int apiPort) {
    return "http://localhost:" + apiPort;
  }

  public int smtpPort() {
    return smtpPort;
  }

  /** Its web page; mailboxes at {@code /api/user/{address}/messages/}. */
  public String webUrl() {
    return webUrl(apiPort);
  }

  /** Whether this JVM started it (false: reused). */
  public boolean started() {
    return process != null;
  }

  @Override
  public synchronized void close() {
    if (process != null && process.isAlive()) {
      log.info("Stopping GreenMail (pid {})", process.pid());
      process.destroy();
    }
  }
}

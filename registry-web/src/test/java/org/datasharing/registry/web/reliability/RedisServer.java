package org.datasharing.registry.web.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code redis-server} as a child process on a free port, with no persistence (the shared
 * session store of the tests). {@code .ci/run} installs it; a machine without it fails the test
 * with a message saying so, never skips it.
 */
final class RedisServer implements AutoCloseable {
  private final Path log;
  private final int port;
  private Process process;

  RedisServer(Path log) throws IOException {
    this.log = log;
    try (ServerSocket s = new ServerSocket(0)) {
      this.port = s.getLocalPort();
    }
  }

  static String executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    if (Files.isExecutable(Path.of("/usr/bin/redis-server"))) {
      return "/usr/bin/redis-server";
    }
    throw new IllegalStateException(
        "redis-server is not installed: `apt-get install -y redis-server` (.ci/run installs it on"
            + " CI); the shared-session tests need a real Redis");
  }

  int port() {
    return port;
  }

  /** Starts it (again, on the same port after {@link #stop}) and waits for PONG. */
  RedisServer start() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                List.of(
                    executable(),
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "redis-server exited with " + process.exitValue() + "; see " + log);
      }
      if (ping()) {
        return this;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("redis-server did not answer PING in 20 s; see " + log);
  }

  /** Whether it answers PING. */
  boolean ping() {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(1000);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[7];
      int n = in.read(buf);
      return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  /** The number of keys (sessions and their bookkeeping) it holds. */
  long keys() throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(2000);
      s.getOutputStream().write("DBSIZE\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] buf = new byte[32];
      int n = s.getInputStream().read(buf);
      String line = new String(buf, 0, n, StandardCharsets.US_ASCII).trim();
      return Long.parseLong(line.substring(1));
    }
  }

  /** Stops it at once (SIGKILL): the outage. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}

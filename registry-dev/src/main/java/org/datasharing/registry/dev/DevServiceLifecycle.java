package org.datasharing.registry.dev;

import java.util.function.Consumer;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;

/**
 * Ties a dev service to the application's life: tells the developer where it is when the
 * application is ready, and stops it when the application context closes or startup fails.
 */
final class DevServiceLifecycle implements ApplicationListener<ApplicationEvent> {
  private final Consumer<Environment> onReady;
  private final Runnable stop;

  /**
   * @param onReady given the ready application's environment (e.g. to log a banner)
   * @param stop stops the dev service; it may be called twice (startup fails, then the context
   *     closes), so it must be idempotent
   */
  DevServiceLifecycle(Consumer<Environment> onReady, Runnable stop) {
    this.onReady = onReady;
    this.stop = stop;
  }

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (event instanceof ApplicationReadyEvent ready) {
      onReady.accept(ready.getApplicationContext().getEnvironment());
    } else if (event instanceof ContextClosedEvent closed
        && closed.getApplicationContext().getParent() == null) {
      stop.run();
    } else if (event instanceof ApplicationFailedEvent) {
      stop.run();
    }
  }
}

package org.datasharing.registry.web.store;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.datasharing.registry.core.store.Lease;
import org.datasharing.registry.core.store.RegistryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Lets scheduled work (lifecycle ticks, reminders, dispatching notifications) run on exactly one of
 * the instances sharing a store: the one holding the {@code scheduler} {@link Lease}. Every
 * instance renews it on a heartbeat; the holder keeps it, the others take it over once it has
 * expired (the holder stopped). On one instance it is simply always held.
 */
@Component
public class ScheduledWork {
  private static final Logger log = LoggerFactory.getLogger(ScheduledWork.class);
  private final Lease lease;
  private volatile boolean wasHeld;

  @Autowired
  ScheduledWork(RegistryStore store, @Value("${registry.scheduler.lease-ttl:PT30S}") Duration ttl) {
    // wall time, not the registry's clock: the lease is about instances, not agreements' dates
    this(new Lease(store, Clock.systemUTC(), "scheduler", instanceName(), ttl));
  }

  ScheduledWork(Lease lease) {
    this.lease = lease;
  }

  private static String instanceName() {
    return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
  }

  /** Takes or renews the lease, well within its time to live. */
  @Scheduled(initialDelay = 0, fixedDelayString = "${registry.scheduler.lease-renew-every:PT10S}")
  void heartbeat() {
    boolean held = lease.renew();
    if (held != wasHeld) {
      log.info(
          held
              ? "this instance ({}) now runs the scheduled work"
              : "this instance ({}) no longer runs the scheduled work",
          lease.holder());
      wasHeld = held;
    }
  }

  /** Runs {@code work} if this instance holds the lease (taking it if it is free); says whether. */
  public boolean runIfHeld(Runnable work) {
    if (!lease.held() && !lease.renew()) {
      return false;
    }
    work.run();
    return true;
  }

  /** Lets the lease go on shutdown, so another instance takes over at once. */
  @jakarta.annotation.PreDestroy
  void release() {
    lease.release();
  }
}

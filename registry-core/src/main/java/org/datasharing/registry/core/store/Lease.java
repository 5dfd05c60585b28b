package org.datasharing.registry.core.store;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A named lease in the store that one holder at a time has, so that work every instance schedules
 * (lifecycle ticks, reminders, dispatching notifications) runs on exactly one of several instances
 * sharing a store. The holder renews it well within its time to live; if the holder stops (crash,
 * shutdown), another instance takes it once it has expired. Instances' clocks should agree to well
 * within the time to live.
 */
public final class Lease {
  private final RegistryStore store;
  private final Clock clock;
  private final String name;
  private final String holder;
  private final Duration ttl;
  private volatile Instant heldUntil = Instant.MIN;

  public Lease(RegistryStore store, Clock clock, String name, String holder, Duration ttl) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.name = requireNonNull(name, "name");
    this.holder = requireNonNull(holder, "holder");
    this.ttl = requireNonNull(ttl, "ttl");
  }

  /**
   * Takes the lease if it is free or expired, or renews it if this holder has it; says whether this
   * holder has it now. A store that cannot be reached means the lease is not held.
   */
  public boolean renew() {
    Instant now = clock.instant();
    Instant until = now.plus(ttl);
    boolean held;
    try {
      held = store.lease(name, holder, now, until);
    } catch (RuntimeException e) {
      held = false;
    }
    heldUntil = held ? until : Instant.MIN;
    return held;
  }

  /** Whether this holder has the lease, as of its last renewal and not yet expired. */
  public boolean held() {
    return clock.instant().isBefore(heldUntil);
  }

  /**
   * Lets the lease go at once (on shutdown), so another instance need not wait for it to expire.
   */
  public void release() {
    if (held()) {
      Instant now = clock.instant();
      try {
        store.lease(name, holder, now, now);
      } catch (RuntimeException e) {
        // it expires by itself
      }
    }
    heldUntil = Instant.MIN;
  }

  public String holder() {
    return holder;
  }
}

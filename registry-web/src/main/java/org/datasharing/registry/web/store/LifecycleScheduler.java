package org.datasharing.registry.web.store;

import org.datasharing.registry.core.agreement.AgreementService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The scheduler port: applies the clock to agreements (start, review, end dates). */
@Component
class LifecycleScheduler {
  private static final Logger log = LoggerFactory.getLogger(LifecycleScheduler.class);
  private final AgreementService agreements;
  private final ScheduledWork work;

  LifecycleScheduler(AgreementService agreements, ScheduledWork work) {
    this.agreements = agreements;
    this.work = work;
  }

  @Scheduled(
      initialDelayString = "${registry.lifecycle.initial-delay:PT5S}",
      fixedDelayString = "${registry.lifecycle.every:PT1H}")
  void tick() {
    // on the one instance holding the scheduler lease
    work.runIfHeld(
        () -> {
          int moved = agreements.tick();
          if (moved > 0) {
            log.info("lifecycle tick moved {} agreement(s)", moved);
          }
        });
  }
}

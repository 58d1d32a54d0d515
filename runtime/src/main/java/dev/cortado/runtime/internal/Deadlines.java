package dev.cortado.runtime.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread behind every store's call timeout: it only flips flags, so one daemon thread
 * serves any number of stores. Cancelled timeouts are removed at once, so a host making millions of
 * short calls does not fill its queue.
 */
final class Deadlines {
  private static final ScheduledThreadPoolExecutor TIMER = createTimer();

  private Deadlines() {}

  private static ScheduledThreadPoolExecutor createTimer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "cortado-deadlines");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /** Runs {@code action} after {@code nanos} unless the returned future is cancelled first. */
  static ScheduledFuture<?> schedule(Runnable action, long nanos) {
    return TIMER.schedule(action, nanos, TimeUnit.NANOSECONDS);
  }
}

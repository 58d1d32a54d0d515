package dev.cortado.wasi;

import java.time.Duration;
import java.time.Instant;

/**
 * The clocks a guest reads ({@code clock_time_get}, {@code clock_res_get}) and waits on ({@code
 * poll_oneoff}). Replace {@link #system()} with {@link #deterministic} to make a run repeatable.
 *
 * <pre>{@code
 * WasiConfig config = WasiConfig.defaults()
 *     .withClock(WasiClock.deterministic(Instant.parse("2024-01-01T00:00:00Z"), Duration.ofMillis(1)))
 *     .withRandom(new SplittableRandom(42));
 * }</pre>
 */
public interface WasiClock {
  /** WASI's clock ids ({@code $clockid}), in witx order. */
  enum Id {
    /** Wall-clock time, nanoseconds since 1970-01-01T00:00:00Z. */
    REALTIME,
    /** A clock that never goes back; its origin is arbitrary. */
    MONOTONIC,
    /** CPU time consumed by the process. */
    PROCESS_CPUTIME,
    /** CPU time consumed by the calling thread. */
    THREAD_CPUTIME
  }

  /** The time of clock {@code id} in nanoseconds. */
  long now(Id id);

  /** The resolution of clock {@code id} in nanoseconds (at least 1). */
  long resolution(Id id);

  /**
   * Waits {@code nanos} nanoseconds of {@link Id#MONOTONIC} time. A deterministic clock advances
   * instead of waiting.
   */
  void sleep(long nanos) throws InterruptedException;

  /**
   * The host's clocks: {@link System#currentTimeMillis()}-style wall time from {@link
   * Instant#now()}, {@link System#nanoTime()}, the JVM process's CPU time and the calling thread's
   * CPU time.
   */
  static WasiClock system() {
    return SystemClock.INSTANCE;
  }

  /**
   * A clock that advances by {@code tick} on every reading and by the requested time on every
   * sleep, and never waits: two runs of the same guest see the same times. Realtime starts at
   * {@code start}; the other clocks start at 0.
   */
  static WasiClock deterministic(Instant start, Duration tick) {
    return new DeterministicClock(start, tick);
  }
}

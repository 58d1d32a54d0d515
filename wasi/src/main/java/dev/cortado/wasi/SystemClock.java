package dev.cortado.wasi;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;

/** The host's clocks (see {@link WasiClock#system()}). */
final class SystemClock implements WasiClock {
  static final SystemClock INSTANCE = new SystemClock();

  /** Loaded at the first read of the thread's CPU time: the management classes cost start-up. */
  private static final class Threads {
    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  }

  private SystemClock() {}

  @Override
  public long now(Id id) {
    return switch (id) {
      case REALTIME -> {
        Instant i = Instant.now();
        yield i.getEpochSecond() * 1_000_000_000L + i.getNano();
      }
      case MONOTONIC -> System.nanoTime();
      case PROCESS_CPUTIME ->
          ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
      case THREAD_CPUTIME ->
          Threads.MX.isCurrentThreadCpuTimeSupported() ? Threads.MX.getCurrentThreadCpuTime() : 0L;
    };
  }

  @Override
  public long resolution(Id id) {
    return switch (id) {
      // Instant.now() has microsecond precision on Linux; System.nanoTime() nanoseconds.
      case REALTIME -> 1_000L;
      case MONOTONIC -> 1L;
      // The process's CPU time comes from the kernel's clock ticks (100 per second).
      case PROCESS_CPUTIME -> 10_000_000L;
      case THREAD_CPUTIME -> 1L;
    };
  }

  @Override
  public void sleep(long nanos) throws InterruptedException {
    if (nanos > 0) {
      Thread.sleep(Duration.ofNanos(nanos));
    }
  }
}

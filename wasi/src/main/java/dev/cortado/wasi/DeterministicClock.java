package dev.cortado.wasi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** See {@link WasiClock#deterministic}. */
final class DeterministicClock implements WasiClock {
  private final long startNanos;
  private final long tickNanos;
  private long elapsed;

  DeterministicClock(Instant start, Duration tick) {
    Objects.requireNonNull(start, "start");
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("tick must be positive: " + tick);
    }
    this.startNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
    this.tickNanos = tick.toNanos();
  }

  @Override
  public synchronized long now(Id id) {
    elapsed += tickNanos;
    return id == Id.REALTIME ? startNanos + elapsed : elapsed;
  }

  @Override
  public long resolution(Id id) {
    return tickNanos;
  }

  @Override
  public synchronized void sleep(long nanos) {
    if (nanos > 0) {
      elapsed += nanos;
    }
  }
}

package dev.cortado.wasi;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * A {@link SecureRandom} made at its first use: making one initializes the JDK's security
 * providers, about 20 ms at the start of every {@code cortado run}, and most guests never call
 * {@code random_get}. One for the JVM (a {@link SecureRandom} is safe to share between threads).
 */
final class LazySecureRandom implements RandomGenerator {
  /** Initialized by the JVM at the first use of {@link #RANDOM}, once. */
  private static final class Holder {
    static final SecureRandom RANDOM = new SecureRandom();
  }

  @Override
  public long nextLong() {
    return Holder.RANDOM.nextLong();
  }

  @Override
  public void nextBytes(byte[] bytes) {
    Holder.RANDOM.nextBytes(bytes);
  }

  @Override
  public String toString() {
    return "SecureRandom (made at first use)";
  }
}

package dev.cortado.wasi;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * A {@link SecureRandom} made at its first use: making one initializes the JDK's security
 * providers, about 20 ms at the start of every {@code cortado run}, and most guests never call
 * {@code random_get}.
 */
final class LazySecureRandom implements RandomGenerator {
  private SecureRandom random;

  private synchronized SecureRandom random() {
    if (random == null) {
      random = new SecureRandom();
    }
    return random;
  }

  @Override
  public long nextLong() {
    return random().nextLong();
  }

  @Override
  public void nextBytes(byte[] bytes) {
    random().nextBytes(bytes);
  }

  @Override
  public String toString() {
    return "SecureRandom (made at first use)";
  }
}

package dev.cortado.wasm;

/**
 * Size limits of a memory (in pages) or table (in elements) (spec 2.3.9). Values are unsigned and
 * held in a {@code long} so that memory64 fits later.
 *
 * @param min the initial size
 * @param max the maximum size, or {@link #NO_MAX}
 */
public record Limits(long min, long max) {
  /** {@link #max()} when no maximum was declared. */
  public static final long NO_MAX = -1;

  public static Limits of(long min) {
    return new Limits(min, NO_MAX);
  }

  public static Limits of(long min, long max) {
    return new Limits(min, max);
  }

  public boolean hasMax() {
    return max != NO_MAX;
  }

  @Override
  public String toString() {
    return hasMax() ? min + " " + max : Long.toString(min);
  }
}

package dev.cortado.bench.jmh;

/**
 * An instance of {@link GuestModule} on one engine, as the JMH figures use it. Each engine's
 * natural embedding API is used, boxing and all: its cost is part of what is measured.
 */
interface Guest {
  int inc(int x);

  int callHost(int n);

  int fib(int n);

  int memloop(int rounds);

  /** Copies {@code data} into linear memory at {@code address} through the embedding API. */
  void write(int address, byte[] data);

  /**
   * Copies {@code length} bytes of linear memory at {@code address} out through the embedding API.
   */
  byte[] readBytes(int address, int length);

  /** Sums {@code count} i32s from {@code address} on, read one by one through the embedding API. */
  int sumInts(int address, int count);

  /**
   * A guest on engine {@code id}: {@code cortado-TIER}, {@code chicory-interpreter} or {@code
   * chicory-compiler}.
   */
  static Guest create(String id, byte[] module) {
    if (id.startsWith("cortado-")) {
      return new CortadoGuest(id.substring("cortado-".length()), module);
    }
    return switch (id) {
      case "chicory-interpreter" -> new ChicoryGuest(module, false);
      case "chicory-compiler" -> new ChicoryGuest(module, true);
      default -> throw new IllegalArgumentException("unknown engine " + id);
    };
  }
}

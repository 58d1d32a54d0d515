package dev.cortado.wasm;

/**
 * A memory type (spec 2.3.10): limits in 64 KiB pages. {@code shared} (threads) and {@code
 * memory64} are carried for later proposals; WebAssembly 2.0 modules have both false.
 */
public record MemType(Limits limits, boolean shared, boolean memory64) {
  /** The page size, 64 KiB. */
  public static final int PAGE_SIZE = 65536;

  /** The most pages a 32-bit memory can have: 65536 pages, 4 GiB. */
  public static final long MAX_PAGES_32 = 65536;

  public static MemType of(Limits limits) {
    return new MemType(limits, false, false);
  }

  @Override
  public String toString() {
    return limits.toString();
  }
}

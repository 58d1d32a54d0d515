package dev.cortado.runtime;

import dev.cortado.wasm.WasmModule;

/**
 * Measures what interruption checks and fuel cost (docs/limits.md "Overhead"): fib(27) (calls) and
 * a loop nest (backward branches), each timed after warm-up, best of several runs. Not a test: run
 * it by hand against this build and against one without the checks, e.g.
 *
 * <pre>
 * java -cp wasm/target/classes:runtime/target/classes:runtime/target/test-classes \
 *     dev.cortado.runtime.LimitsOverhead interpreter:plain interpreter:fuel compiled:plain
 * </pre>
 *
 * <p>Each argument is a tier ({@code interpreter}, {@code compiled}) and {@code plain} (an
 * unmetered store) or {@code fuel} (a metered one).
 */
public final class LimitsOverhead {
  private static final String FIB =
      """
      (module
        (func $fib (export "fib") (param $n i32) (result i32)
          (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
            (then (local.get $n))
            (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                           (call $fib (i32.sub (local.get $n) (i32.const 2))))))))
      """;

  /** Sums i * j over a 3000 x 3000 loop nest with a little memory traffic. */
  private static final String LOOPS =
      """
      (module
        (memory 1)
        (func (export "loops") (param $n i32) (result i32)
          (local $i i32) (local $j i32) (local $sum i32)
          (loop $outer
            (local.set $j (i32.const 0))
            (loop $inner
              (local.set $sum (i32.add (local.get $sum) (i32.mul (local.get $i) (local.get $j))))
              (i32.store (i32.and (i32.shl (local.get $j) (i32.const 2)) (i32.const 0xfffc))
                         (local.get $sum))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br_if $inner (i32.lt_u (local.get $j) (local.get $n))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
          (local.get $sum)))
      """;

  private LimitsOverhead() {}

  public static void main(String[] args) {
    for (String arg : args.length == 0 ? new String[] {"interpreter:plain"} : args) {
      String[] parts = arg.split(":");
      Tier tier = Tier.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT));
      boolean fuel = parts.length > 1 && parts[1].equals("fuel");
      time(arg + " fib(27)", FIB, "fib", 27, tier, fuel);
      time(arg + " loops(3000)", LOOPS, "loops", 3000, tier, fuel);
    }
  }

  private static void time(
      String label, String text, String export, int arg, Tier tier, boolean fuel) {
    StoreConfig config = StoreConfig.defaults().withTier(tier);
    if (fuel) {
      config = config.withFuel(Long.MAX_VALUE);
    }
    ExportedFunction f =
        new Linker().instantiate(new Store(config), WasmModule.parseText(text)).function(export);
    for (int i = 0; i < 5; i++) {
      f.call(Value.i32(arg));
    }
    // The best of many runs: on a shared machine other processes only ever add time.
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 15; i++) {
      long start = System.nanoTime();
      f.call(Value.i32(arg));
      best = Math.min(best, System.nanoTime() - start);
    }
    System.out.printf("%-32s %9.2f ms%n", label, best / 1e6);
  }
}

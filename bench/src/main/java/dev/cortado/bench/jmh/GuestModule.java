package dev.cortado.bench.jmh;

/**
 * The small module the JMH figures run, in the text format (Cortado parses it and writes the binary
 * that every engine then loads). One host import, one memory of 17 pages, and an export per figure.
 */
final class GuestModule {
  /** Where {@code memloop} works: 1 MiB from 64 KiB on. */
  static final int LOOP_BASE = 65536;

  static final int LOOP_BYTES = 1 << 20;

  static final String WAT =
      """
      (module
        (import "env" "host_inc" (func $host_inc (param i32) (result i32)))
        (memory (export "memory") 17)
        (global $calls (mut i32) (i32.const 0))
        (table 1 funcref)
        (data (i32.const 16) "cortado benchmark data")

        ;; host -> wasm: the cheapest function with a parameter and a result
        (func (export "inc") (param i32) (result i32)
          (i32.add (local.get 0) (i32.const 1)))

        ;; wasm -> host: calls the import $n times
        (func (export "call_host") (param $n i32) (result i32) (local $acc i32)
          (block $done
            (loop $next
              (br_if $done (i32.eqz (local.get $n)))
              (local.set $acc (call $host_inc (local.get $acc)))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br $next)))
          (local.get $acc))

        ;; calls and arithmetic: the classic recursive Fibonacci
        (func $fib (export "fib") (param $n i32) (result i32)
          (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
            (then (local.get $n))
            (else
              (i32.add
                (call $fib (i32.sub (local.get $n) (i32.const 1)))
                (call $fib (i32.sub (local.get $n) (i32.const 2)))))))

        ;; memory-heavy: $rounds prefix-sum passes over 1 MiB of i32s (a load, a load, a store each)
        (func (export "memloop") (param $rounds i32) (result i32) (local $i i32)
          (block $out
            (loop $round
              (br_if $out (i32.eqz (local.get $rounds)))
              (local.set $i (i32.const 65540))
              (block $done
                (loop $next
                  (br_if $done (i32.ge_u (local.get $i) (i32.const 1114112)))
                  (i32.store (local.get $i)
                    (i32.add
                      (i32.load (local.get $i))
                      (i32.add (i32.load (i32.sub (local.get $i) (i32.const 4))) (i32.const 1))))
                  (local.set $i (i32.add (local.get $i) (i32.const 4)))
                  (br $next)))
              (local.set $rounds (i32.sub (local.get $rounds) (i32.const 1)))
              (br $round)))
          (i32.load (i32.const 1114108)))
      )
      """;

  private GuestModule() {}
}

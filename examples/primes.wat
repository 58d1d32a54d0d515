;; A WASI command: counts the primes below 1,000,000 with a sieve of Eratosthenes in its memory
;; and prints the count. The cortado launcher also runs it once after each build to record what a
;; run loads and executes (its JVM ahead-of-time cache: see the launcher).
;;
;;   ./cortado run examples/primes.wat        prints "78498 primes below 1000000"
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 17)
  ;; 0..8: the iovec, 8: bytes written, 16..48: the digits, 48..70: the text, 128..: the sieve
  (data (i32.const 48) " primes below 1000000\n")
  (global $limit i32 (i32.const 1000000))
  (global $sieve i32 (i32.const 128))

  ;; Marks the multiples of every prime; the sieve's bytes start at zero (maybe prime).
  (func $sieve (result i32)
    (local $i i32) (local $j i32) (local $count i32)
    (local.set $i (i32.const 2))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (global.get $limit)))
        (if (i32.eqz (i32.load8_u (i32.add (global.get $sieve) (local.get $i))))
          (then
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            (local.set $j (i32.mul (local.get $i) (local.get $i)))
            (block $marked
              ;; i * i overflows 32 bits only beyond the limit's square root
              (br_if $marked (i32.gt_u (local.get $i) (i32.const 46340)))
              (loop $mark
                (br_if $marked (i32.ge_u (local.get $j) (global.get $limit)))
                (i32.store8 (i32.add (global.get $sieve) (local.get $j)) (i32.const 1))
                (local.set $j (i32.add (local.get $j) (local.get $i)))
                (br $mark)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $count))

  ;; Writes n's decimal digits to end just before 48; returns where they start.
  (func $digits (param $n i32) (result i32)
    (local $at i32)
    (local.set $at (i32.const 48))
    (loop $digit
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i32.store8 (local.get $at)
        (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digit (local.get $n)))
    (local.get $at))

  (func (export "_start")
    (local $at i32)
    (local.set $at (call $digits (call $sieve)))
    ;; the digits run on into the text at 48: one write of both
    (i32.store (i32.const 0) (local.get $at))
    (i32.store (i32.const 4) (i32.sub (i32.const 70) (local.get $at)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))

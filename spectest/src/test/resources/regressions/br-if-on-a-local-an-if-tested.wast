;; The interpreter fuses an i32 comparison (or eqz) with the if or br_if that tests it. A br_if
;; testing the same local first thing in that if's arm took the fused jump for the instruction that
;; computed its own condition, and moved or fused it again: wrong results, internal errors, hangs
;; (cortado fuzz --differential, seed 20261129, case 2793; the unmetered interpreter only).
(module
  (func (export "eqz") (param i32) (result i32)
    (block (result i32)
      (if (result i32) (i32.eqz (local.get 0))
        (then (i32.const -104) (local.get 0) (br_if 1))
        (else (i32.const 7)))))
  (func (export "lt") (param i32) (result i32)
    (block (result i32)
      (if (result i32) (i32.lt_s (local.get 0) (i32.const 5))
        (then (i32.const -104) (local.get 0) (br_if 1) (drop) (i32.const -105))
        (else (i32.const 7)))))
  (func (export "br_if") (param i32) (result i32)
    (block (result i32)
      (block (br_if 0 (i32.eqz (local.get 0))) (return (i32.const 9)))
      (i32.const -104) (local.get 0) (br_if 0))))

(assert_return (invoke "eqz" (i32.const 0)) (i32.const -104))
(assert_return (invoke "eqz" (i32.const 3)) (i32.const 7))
(assert_return (invoke "lt" (i32.const 0)) (i32.const -105))
(assert_return (invoke "lt" (i32.const 3)) (i32.const -104))
(assert_return (invoke "lt" (i32.const 9)) (i32.const 7))
(assert_return (invoke "br_if" (i32.const 0)) (i32.const -104))
(assert_return (invoke "br_if" (i32.const 3)) (i32.const 9))

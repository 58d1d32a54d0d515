;; A trap and its backtrace: dividing by zero traps inside $divide, called by
;; $average.
;;
;;   ./cortado run --invoke average examples/divide.wat 10 0
;;   error: examples/divide.wat: wasm trap: integer divide by zero
;;   wasm backtrace:
;;      0: divide @ ...
;;      1: average @ ...
;;   (exit code 134)
(module
  (func $divide (param $a i32) (param $b i32) (result i32)
    (i32.div_s (local.get $a) (local.get $b)))
  (func $average (export "average") (param $sum i32) (param $count i32) (result i32)
    (call $divide (local.get $sum) (local.get $count))))

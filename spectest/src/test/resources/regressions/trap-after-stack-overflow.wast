;; Regression (docs/limits.md, hostile guests): deep recursion with big frames ends in a JVM
;; StackOverflowError in compiled code. The first trap conversion of the compiled tier used to run
;; there, where its pattern switch could not bootstrap; the JDK's SwitchBootstraps then stayed
;; broken for the whole JVM and every later trap became a NoClassDefFoundError. Each tier must
;; report the exhaustion, then keep reporting ordinary traps.
(module
  (func $deep (export "deep")
    (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (local f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64)
    (call $deep
      (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5) (local.get 6)
      (local.get 7) (local.get 8) (local.get 9) (local.get 10) (local.get 11) (local.get 12)
      (local.get 13) (local.get 14) (local.get 15) (local.get 0)))
  (func (export "div") (param i32) (result i32)
    (i32.div_s (i32.const 1) (local.get 0)))
  (func (export "unreachable") (unreachable)))

(assert_exhaustion
  (invoke "deep"
    (i64.const 0) (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5)
    (i64.const 6) (i64.const 7) (i64.const 8) (i64.const 9) (i64.const 10) (i64.const 11)
    (i64.const 12) (i64.const 13) (i64.const 14) (i64.const 15))
  "call stack exhausted")
(assert_trap (invoke "div" (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "unreachable") "unreachable")
(assert_return (invoke "div" (i32.const 1)) (i32.const 1))

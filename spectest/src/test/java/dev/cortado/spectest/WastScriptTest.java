package dev.cortado.spectest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Small scripts through the whole pipeline: parser, validator, runtime and runner. */
class WastScriptTest {
  private final WastRunner runner = new WastRunner(Tier.INTERPRETER);

  @Test
  void everyCommandKindPasses() {
    String script =
        """
        (module
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
          (func (export "nan") (result f32) (f32.div (f32.const 0) (f32.const 0)))
          (func $loop (export "loop") (call $loop))
          (func (export "id") (param externref) (result externref) (local.get 0))
          (func (export "f") (result funcref) (ref.func 0))
          (global (export "g") i32 (i32.const 42)))
        (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
        (assert_return (get "g") (i32.const 42))
        (assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
        (assert_return (invoke "nan") (f32.const nan:canonical))
        (assert_return (invoke "nan") (either (f32.const nan:arithmetic) (f32.const 1)))
        (assert_exhaustion (invoke "loop") "call stack exhausted")
        (assert_return (invoke "id" (ref.extern 7)) (ref.extern 7))
        (assert_return (invoke "id" (ref.null extern)) (ref.null extern))
        (assert_return (invoke "f") (ref.func))
        (assert_malformed (module quote "(func (i32.bogus))") "unknown operator")
        (assert_malformed (module binary "\\00asm\\01\\00\\00") "unexpected end")
        (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
        (assert_unlinkable (module (import "spectest" "nope" (func))) "unknown import")
        (assert_trap (module (func $f unreachable) (start $f)) "unreachable")
        (module $M2
          (import "spectest" "print_i32" (func (param i32)))
          (func (export "p") (call 0 (i32.const 1))))
        (register "m2" $M2)
        (invoke $M2 "p")
        (module
          (import "m2" "p" (func))
          (import "spectest" "global_i32" (global i32))
          (import "spectest" "table" (table 10 20 funcref))
          (import "spectest" "memory" (memory 1 2))
          (func (export "g") (result i32) (global.get 0)))
        (assert_return (invoke "g") (i32.const 666))
        """;
    ScriptResult r = runner.run("all.wast", script);
    assertThat(r.failures()).isEmpty();
    assertThat(r.passed()).isEqualTo(20);
    assertThat(r.diagnostics()).isEmpty();
  }

  @Test
  void wrongOutcomesFailWithTheirLineAndReason() {
    String script =
        """
        (module (func (export "one") (result i32) (i32.const 1)))
        (assert_return (invoke "one") (i32.const 2))
        (assert_trap (invoke "one") "unreachable")
        (assert_invalid (module (func)) "type mismatch")
        (assert_malformed (module quote "(func)") "unexpected token")
        (assert_return (invoke "missing"))
        (assert_malformed (module quote "(func (i32.bogus))") "some other message")
        """;
    ScriptResult r = runner.run("wrong.wast", script);
    assertThat(r.passed()).isEqualTo(2);
    assertThat(r.failures())
        .containsExactly(
            new ScriptResult.Failure(2, "invoke \"one\": expected [i32:2], got [i32:1]"),
            new ScriptResult.Failure(
                3, "invoke \"one\": expected trap \"unreachable\", got [i32:1]"),
            new ScriptResult.Failure(
                4, "expected invalid module \"type mismatch\", but it validated"),
            new ScriptResult.Failure(
                5, "expected malformed module \"unexpected token\", but it decoded"),
            new ScriptResult.Failure(6, "undefined export \"missing\""));
    // A malformed module rejected with other words passes, with a diagnostic.
    assertThat(r.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.line()).isEqualTo(7);
              assertThat(d.message())
                  .startsWith("malformed message: expected \"some other message\"");
            });
  }
}

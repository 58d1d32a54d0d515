package dev.cortado.wasm.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cortado.wasm.InvalidModuleException;
import dev.cortado.wasm.internal.text.WatParser;
import org.junit.jupiter.api.Test;

/** Validation of modules parsed from the text format: errors point at line:column. */
class TextModuleValidationTest {
  private static InvalidModuleException invalid(String text) {
    InvalidModuleException e =
        catchThrowableOfType(
            InvalidModuleException.class, () -> Validator.validate(WatParser.parse(text)));
    assertThat(e).as("expected an invalid module").isNotNull();
    return e;
  }

  @Test
  void typeMismatchPointsAtTheInstruction() {
    InvalidModuleException e =
        invalid(
            """
            (module
              (func $f (result i32)
                i64.const 1
                i32.eqz))
            """);
    assertThat(e.reason())
        .isEqualTo("type mismatch: instruction requires [i32] but stack has [i64]");
    assertThat(e.location()).isEqualTo("func 0, 4:5");
  }

  @Test
  void functionIndexCountsImports() {
    InvalidModuleException e =
        invalid(
            """
            (module
              (import "m" "f" (func))
              (func (local.get 3) (drop)))
            """);
    assertThat(e.reason()).isEqualTo("unknown local 3");
    assertThat(e.location()).startsWith("func 1, 3:10");
  }

  @Test
  void foldedUnreachableCode() {
    Validator.validate(
        WatParser.parse(
            """
            (module
              (func (result i32)
                (block (result i32) (br_table 0 0 (unreachable)))))
            """));
    InvalidModuleException e =
        invalid(
            """
            (module
              (func (result i32)
                (select (unreachable) (ref.null func) (i32.const 0))))
            """);
    assertThat(e.reason()).startsWith("type mismatch");
  }
}

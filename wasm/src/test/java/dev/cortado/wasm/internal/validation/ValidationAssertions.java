package dev.cortado.wasm.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cortado.wasm.InvalidModuleException;
import dev.cortado.wasm.WasmModule;

/** Assertions on the outcome of {@link Validator#validate}. */
final class ValidationAssertions {
  private ValidationAssertions() {}

  static void assertValid(TestModule module) {
    assertValid(module.build());
  }

  static void assertValid(WasmModule module) {
    assertThatCode(() -> Validator.validate(module)).doesNotThrowAnyException();
  }

  /**
   * Asserts the module is invalid with a reason starting with {@code reason}; returns the error.
   */
  static InvalidModuleException assertInvalid(TestModule module, String reason) {
    return assertInvalid(module.build(), reason);
  }

  static InvalidModuleException assertInvalid(WasmModule module, String reason) {
    InvalidModuleException e =
        catchThrowableOfType(InvalidModuleException.class, () -> Validator.validate(module));
    assertThat(e).as("expected InvalidModuleException \"%s\"", reason).isNotNull();
    assertThat(e.reason()).startsWith(reason);
    return e;
  }
}

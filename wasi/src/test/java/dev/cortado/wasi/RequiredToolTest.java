package dev.cortado.wasi;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing tool skips a test on a developer's machine and fails it under {@code CI=true}. */
class RequiredToolTest {
  @Test
  void presentToolPassesEverywhere() {
    assertThatCode(() -> RequiredTool.require(true, "x", "true")).doesNotThrowAnyException();
    assertThatCode(() -> RequiredTool.require(true, "x", null)).doesNotThrowAnyException();
  }

  @Test
  void missingToolSkipsOutsideCi() {
    assertThatThrownBy(() -> RequiredTool.require(false, "node not installed", null))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("node not installed");
    assertThatThrownBy(() -> RequiredTool.require(false, "node not installed", "false"))
        .isInstanceOf(TestAbortedException.class);
  }

  @Test
  void missingToolFailsUnderCi() {
    assertThatThrownBy(() -> RequiredTool.require(false, "node not installed", "true"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("node not installed")
        .hasMessageContaining("CI=true");
  }
}

package dev.cortado.wasm.internal.text;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from outside the JDK: a compiler, node, binaryen, the spec testsuite. Where it
 * is missing the test is skipped (an assumption), so that any machine can build the project; but
 * under {@code CI=true}, which CI sets and which installs every such tool, a missing one fails the
 * test: CI can never be green by skipping.
 */
public final class RequiredTool {
  private RequiredTool() {}

  /** Skips the calling test if {@code present} is false, or fails it under {@code CI=true}. */
  public static void require(boolean present, String missing) {
    require(present, missing, System.getenv("CI"));
  }

  /** {@link #require(boolean, String)} with the value of {@code CI} given. */
  public static void require(boolean present, String missing, String ci) {
    if (present) {
      return;
    }
    if ("true".equals(ci)) {
      fail(missing + " (CI=true: a missing tool fails the run instead of skipping it)");
    }
    Assumptions.abort(missing);
  }
}

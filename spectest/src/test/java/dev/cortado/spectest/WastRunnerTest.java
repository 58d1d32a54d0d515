package dev.cortado.spectest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.internal.wast.ModuleSource;
import dev.cortado.wasm.internal.wast.WastAction;
import dev.cortado.wasm.internal.wast.WastCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner's guarantees that do not depend on the runtime: nothing escapes, nothing hangs. */
class WastRunnerTest {
  @Test
  void aScriptStillRunningAtTheTimeoutKeepsWhatItCountedAndFailsThere() {
    ScriptResult r =
        WastRunner.guarded(
            "hang.wast",
            Duration.ofMillis(200),
            tally -> {
              tally.startCommand(3);
              tally.pass();
              tally.startCommand(7);
              while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
              }
            });
    assertThat(r.passed()).isEqualTo(1);
    assertThat(r.failures())
        .containsExactly(
            new ScriptResult.Failure(
                7, "timeout: still running after 200 ms; the rest was not run"));
  }

  @Test
  void anErrorEscapingTheScriptBecomesAFailureNamingIt() {
    ScriptResult r =
        WastRunner.guarded(
            "boom.wast",
            Duration.ofSeconds(10),
            tally -> {
              tally.startCommand(5);
              throw new StackOverflowError();
            });
    assertThat(r.failures()).hasSize(1);
    assertThat(r.failures().getFirst().line()).isEqualTo(5);
    assertThat(r.failures().getFirst().reason()).contains("StackOverflowError");
  }

  @Test
  void anUnreadableFileIsOneFailure() {
    ScriptResult r =
        new WastRunner(Tier.INTERPRETER).runFile(Path.of("no/such/file.wast"), "file.wast");
    assertThat(r.passed()).isZero();
    assertThat(r.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).startsWith("cannot read"));
  }

  @Test
  void eachCommandCountsOnceAndFailuresCarryTheirLine() {
    Tally tally = new Tally();
    ScriptExecution run = new ScriptExecution(Tier.INTERPRETER.storeConfig(), tally, null);
    run.execute(new WastCommand.AssertException(4, new WastAction.Invoke(null, "f", List.of())));
    run.execute(new WastCommand.Unsupported(9, "thread"));
    run.execute(new WastCommand.ActionCommand(12, new WastAction.Get(null, "g")));
    run.execute(new WastCommand.RegisterCommand(15, "M", "nope"));
    ScriptResult r = tally.snapshot("x.wast");
    assertThat(r.passed()).isZero();
    assertThat(r.failures())
        .containsExactly(
            new ScriptResult.Failure(4, "unsupported: exceptions"),
            new ScriptResult.Failure(9, "unsupported: thread"),
            new ScriptResult.Failure(12, "no module to act on: no module instantiated yet"),
            new ScriptResult.Failure(15, "unknown module $nope"));
  }

  @Test
  void actionsOnAFailedModuleSayWhichModuleFailed() {
    Tally tally = new Tally();
    ScriptExecution run = new ScriptExecution(Tier.INTERPRETER.storeConfig(), tally, null);
    byte[] garbage = {0, 'a', 's', 'm', 9, 9, 9, 9};
    run.execute(new WastCommand.ModuleCommand(2, "M", new ModuleSource.Binary(garbage), false));
    run.execute(new WastCommand.ActionCommand(3, new WastAction.Invoke(null, "f", List.of())));
    run.execute(new WastCommand.ActionCommand(4, new WastAction.Invoke("M", "f", List.of())));
    ScriptResult r = tally.snapshot("x.wast");
    assertThat(r.failures()).extracting(ScriptResult.Failure::line).containsExactly(2, 3, 4);
    assertThat(r.failures().get(1).reason())
        .isEqualTo("no module to act on: the module at line 2 failed");
    assertThat(r.failures().get(2).reason()).isEqualTo("module $M failed at line 2");
  }

  @Test
  void actionsOnAModuleThatNeedsAMissingFeatureNameTheFeature() {
    Tally tally = new Tally();
    ScriptExecution run = new ScriptExecution(Tier.INTERPRETER.storeConfig(), tally, null);
    String relaxed =
        "(module (func (export \"f\") (param v128 v128) (result v128)"
            + " (i8x16.relaxed_swizzle (local.get 0) (local.get 1))))";
    run.execute(new WastCommand.ModuleCommand(2, "S", new ModuleSource.Text(relaxed, 2), false));
    run.execute(new WastCommand.ActionCommand(3, new WastAction.Invoke(null, "f", List.of())));
    run.execute(new WastCommand.ActionCommand(4, new WastAction.Invoke("S", "f", List.of())));
    List<ScriptResult.Failure> failures = tally.snapshot("x.wast").failures();
    assertThat(failures)
        .extracting(ScriptResult.Failure::reason)
        .containsExactly(
            "unsupported: relaxed simd",
            "unsupported: relaxed simd (the module at line 2 failed)",
            "unsupported: relaxed simd (module $S failed at line 2)");
  }

  @Test
  void summaryLinesFollowTheReportFormat() {
    ScriptResult pass = new ScriptResult("2.0/i32.wast", 412, List.of(), List.of());
    ScriptResult fail =
        new ScriptResult(
            "2.0/x.wast",
            10,
            List.of(new ScriptResult.Failure(3, "a"), new ScriptResult.Failure(8, "b")),
            List.of());
    assertThat(pass.summaryLine()).isEqualTo("PASS  2.0/i32.wast  412 passed");
    assertThat(fail.summaryLine()).isEqualTo("FAIL  2.0/x.wast  10 passed, 2 failed");
    assertThat(fail.describe(fail.failures().get(1))).isEqualTo("2.0/x.wast:8: b");
  }
}

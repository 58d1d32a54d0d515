package dev.cortado.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each command end to end on real modules: results, errors and exit codes. */
class CommandsTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  @Test
  void runInvokesAnExportAndPrintsItsResult() {
    Cli r = Cli.run("run", "--invoke", "fib", Cli.example("fib.wat"), "30");
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("832040\n");
    assertThat(r.code()).isZero();
  }

  @Test
  void runPrintsEachResultOnItsOwnLine() {
    assertThat(Cli.run("run", "--invoke", "hello", Cli.example("hello.wat")).out())
        .isEqualTo("16\n13\n");
    assertThat(Cli.run("--invoke", "fac", Cli.example("factorial.wat"), "20").out())
        .isEqualTo("2432902008176640000\n");
    assertThat(Cli.run("run", "--invoke", "hypot", Cli.example("hypot.wat"), "3", "4").out())
        .isEqualTo("5\n");
    assertThat(Cli.run("run", "--invoke", "hypot", Cli.example("hypot.wat"), "1", "1").out())
        .isEqualTo("1.4142135623730951\n");
  }

  @Test
  void runWithoutInvokeRunsStartOrOnlyInstantiates() throws IOException {
    Cli plain = Cli.run("run", Cli.example("fib.wat"), "ignored");
    assertThat(plain.code()).isZero();
    assertThat(plain.out()).isEmpty();
    assertThat(plain.err()).isEmpty();
    Path start = write("start.wat", "(module (func (export \"_start\") unreachable))");
    Cli trapped = Cli.run("run", start.toString());
    assertThat(trapped.code()).isEqualTo(ExitCode.TRAP);
    assertThat(trapped.err()).startsWith("error: " + start + ": wasm trap: unreachable\n");
  }

  @Test
  void aTrapPrintsItsMessageAndTheWasmBacktrace() {
    String file = Cli.example("divide.wat");
    Cli r = Cli.run("run", "--invoke", "average", file, "10", "0");
    assertThat(r.code()).isEqualTo(ExitCode.TRAP);
    assertThat(r.out()).isEmpty();
    List<String> lines = r.err().lines().toList();
    assertThat(lines.get(0)).isEqualTo("error: " + file + ": wasm trap: integer divide by zero");
    assertThat(lines.get(1)).isEqualTo("wasm backtrace:");
    assertThat(lines).hasSize(4);
    assertThat(lines.get(2)).contains("0:").contains("divide");
    assertThat(lines.get(3)).contains("1:").contains("average");
    assertThat(r.err()).doesNotContain("at dev.cortado", "Exception");
  }

  @Test
  void badArgumentsAreUsageErrors() {
    String fib = Cli.example("fib.wat");
    Cli bad = Cli.run("run", "--invoke", "fib", fib, "abc");
    assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.err())
        .isEqualTo(
            "error: invalid argument 'abc' for parameter 1 (i32)\n"
                + "Try 'cortado run --help' for more information.\n");
    Cli count = Cli.run("run", "--invoke", "fib", fib, "1", "2");
    assertThat(count.code()).isEqualTo(ExitCode.USAGE);
    assertThat(count.err())
        .startsWith("error: function 'fib' takes 1 argument [i32] -> [i32], but 2 were given\n");
    Cli missing = Cli.run("run", "--invoke", "foo", fib);
    assertThat(missing.code()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err()).startsWith("error: export 'foo' not found\n");
  }

  @Test
  void negativeArgumentsAfterTheFileAreNotOptions() throws IOException {
    Path neg =
        write(
            "neg.wat",
            "(module (func (export \"neg\") (param i32) (result i32)"
                + " (i32.sub (i32.const 0) (local.get 0))))");
    assertThat(Cli.run("run", "--invoke", "neg", neg.toString(), "-5").out()).isEqualTo("5\n");
  }

  @Test
  void malformedBytesNameTheFileAndOffset() throws IOException {
    Path bad = write("bad.wasm", new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1});
    Cli r = Cli.run("run", bad.toString());
    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).matches("error: \\Q" + bad + "\\E: offset 0x[0-9a-f]+: .+\\R");
  }

  @Test
  void inspectReportsAMalformedModuleLikeTheOtherCommands() throws IOException {
    Path bad = write("cut.wasm", new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 5, 1});
    Cli r = Cli.run("inspect", bad.toString());
    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).matches("error: \\Q" + bad + "\\E: offset 0x[0-9a-f]+: .+\\R");
  }

  @Test
  void malformedTextNamesLineAndColumn() throws IOException {
    Path bad = write("bad.wat", "(module\n  (func (i32.bogus)))");
    Cli r = Cli.run("validate", bad.toString());
    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).matches("error: \\Q" + bad + "\\E: 2:\\d+: .+\\R");
  }

  @Test
  void validateIsSilentOnSuccessAndNamesTheProblemOtherwise() throws IOException {
    Cli ok = Cli.run("validate", Cli.example("fib.wat"));
    assertThat(ok.code()).isZero();
    assertThat(ok.out()).isEmpty();
    assertThat(ok.err()).isEmpty();
    Path invalid = write("invalid.wat", "(module (func (result i32) (i64.const 0)))");
    Cli r = Cli.run("validate", invalid.toString());
    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).startsWith("error: " + invalid + ": ").contains("type mismatch");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void unresolvedImportsAreLinkErrors() throws IOException {
    Path env = write("env.wat", "(module (import \"env\" \"f\" (func)))");
    Cli r = Cli.run("run", env.toString());
    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).startsWith("error: " + env + ": ").contains("unknown import");
    assertThat(r.err().lines()).hasSize(1);
    // WASI is linked, with its own types: a mistyped WASI import is a link error too.
    Path wasi =
        write("wasi.wat", "(module (import \"wasi_snapshot_preview1\" \"fd_write\" (func)))");
    Cli w = Cli.run("run", wasi.toString());
    assertThat(w.code()).isEqualTo(ExitCode.ERROR);
    assertThat(w.err())
        .startsWith("error: " + wasi + ": ")
        .contains("wasi_snapshot_preview1.fd_write")
        .contains("incompatible import type");
  }

  @Test
  void convertWritesABinaryThatRunsTheSameAndReencodesToItself() throws IOException {
    Path wasm = dir.resolve("fib.wasm");
    Cli c = Cli.run("convert", Cli.example("fib.wat"), "-o", wasm.toString());
    assertThat(c.code()).isZero();
    assertThat(c.err()).isEmpty();
    byte[] bytes = Files.readAllBytes(wasm);
    assertThat(bytes).startsWith(0, 'a', 's', 'm', 1, 0, 0, 0);
    assertThat(Cli.run("run", "--invoke", "fib", wasm.toString(), "20").out()).isEqualTo("6765\n");
    Path again = dir.resolve("again.wasm");
    assertThat(Cli.run("convert", wasm.toString(), "-o", again.toString()).code()).isZero();
    assertThat(Files.readAllBytes(again)).isEqualTo(bytes);
  }

  @Test
  void convertRefusesToWriteText() {
    Cli r = Cli.run("convert", Cli.example("fib.wat"), "-o", dir.resolve("x.wat").toString());
    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).endsWith("x.wat: writing the text format is not supported yet\n");
  }

  @Test
  void wastRunsScriptsAndEndsWithTheTotals() throws IOException {
    Path good =
        write(
            "good.wast",
            "(module (func (export \"one\") (result i32) (i32.const 1)))\n"
                + "(assert_return (invoke \"one\") (i32.const 1))\n");
    Path bad = write("bad.wast", "(module)\n(assert_return (invoke \"one\") (i32.const 1))\n");
    Cli r = Cli.run("wast", "--testsuite", dir.toString(), good.toString(), bad.toString());
    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.out().lines().toList())
        .containsExactly(
            "PASS  good.wast  2 passed",
            "FAIL  bad.wast  1 passed, 1 failed",
            "    bad.wast:2: undefined export \"one\"",
            "3 passed, 1 failed");
    assertThat(Cli.run("wast", "--testsuite", dir.toString(), good.toString()).code()).isZero();
  }
}

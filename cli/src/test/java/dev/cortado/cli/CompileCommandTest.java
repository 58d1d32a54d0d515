package dev.cortado.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compile}, running a {@code .cwasm}, the tiers and the code cache options, end to end. The
 * cache lives in a temporary directory (or, by default, under target: see the pom).
 */
class CompileCommandTest {
  @TempDir Path dir;

  @Test
  void compileWritesACwasmThatRunRuns() {
    Path out = dir.resolve("fib.cwasm");
    Cli c = Cli.run("compile", Cli.example("fib.wat"), "-o", out.toString(), "--stats");
    assertThat(c.err()).isEmpty();
    assertThat(c.code()).isZero();
    assertThat(c.out()).contains("1 of 1 functions compiled").contains("0 over the size limit");
    assertThat(out).exists();
    Cli r = Cli.run("run", "--invoke", "fib", out.toString(), "25");
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("75025\n");
  }

  /**
   * The launchers raise the method limit through a system property (with the JVM options that make
   * big methods compile well): a function split under the default limit stays whole.
   */
  @Test
  void theMethodLimitPropertyLeavesBiggerFunctionsWhole() throws IOException {
    StringBuilder w = new StringBuilder("(module (memory 1) (func (param i32) (result i32)");
    w.append(" (local i32)\n");
    for (int k = 0; k < 200; k++) {
      w.append("local.get 0 i32.load offset=").append(4 * k);
      w.append(" local.get 1 i32.add local.set 1\n");
    }
    Path wat = Files.writeString(dir.resolve("loads.wat"), w.append("local.get 1))"));
    Path out = dir.resolve("loads.cwasm");
    Cli byDefault = Cli.run("compile", wat.toString(), "-o", out.toString(), "--stats");
    assertThat(byDefault.out()).contains("1 functions split");
    String old = System.setProperty(CompilerOptions.METHOD_LIMIT, "32000");
    try {
      Cli raised = Cli.run("compile", wat.toString(), "-o", out.toString(), "--stats");
      assertThat(raised.out()).contains("0 functions split");
      // A .cwasm records the limit: a run with another one refuses it.
      System.clearProperty(CompilerOptions.METHOD_LIMIT);
      Cli other = Cli.run("run", "--invoke", "0", out.toString(), "0");
      assertThat(other.code()).isEqualTo(ExitCode.ERROR);
      assertThat(other.err()).startsWith("error: " + out + ": ");
      System.setProperty(CompilerOptions.METHOD_LIMIT, "bytes");
      Cli bad = Cli.run("compile", wat.toString(), "-o", out.toString());
      assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
      assertThat(bad.err())
          .startsWith("error: the system property " + CompilerOptions.METHOD_LIMIT)
          .contains("'bytes'");
    } finally {
      if (old == null) {
        System.clearProperty(CompilerOptions.METHOD_LIMIT);
      } else {
        System.setProperty(CompilerOptions.METHOD_LIMIT, old);
      }
    }
  }

  @Test
  void compileNamesTheOutputAfterTheInput() throws IOException {
    Path wat = Files.copy(Path.of(Cli.example("factorial.wat")), dir.resolve("factorial.wat"));
    assertThat(Cli.run("compile", wat.toString()).code()).isZero();
    assertThat(dir.resolve("factorial.cwasm")).exists();
  }

  @Test
  void aCorruptCwasmIsAClearError() throws IOException {
    Path out = dir.resolve("fib.cwasm");
    Cli.run("compile", Cli.example("fib.wat"), "-o", out.toString());
    byte[] bytes = Files.readAllBytes(out);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(out, bytes);
    Cli r = Cli.run("run", "--invoke", "fib", out.toString(), "5");
    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).startsWith("error: " + out + ": corrupt .cwasm file");
  }

  @Test
  void everyTierRunsTheSameProgram() {
    for (String tier : new String[] {"interpreter", "compiled", "tiered"}) {
      Cli r =
          Cli.run(
              "run", "--tier", tier, "--no-cache", "--invoke", "fib", Cli.example("fib.wat"), "20");
      assertThat(r.out()).as(tier).isEqualTo("6765\n");
      assertThat(r.code()).as(tier).isZero();
    }
  }

  @Test
  void aCompiledRunFillsTheCacheAndNoCacheLeavesItAlone() throws IOException {
    Path cache = dir.resolve("cache");
    Cli r =
        Cli.run(
            "run",
            "--tier",
            "compiled",
            "--cache-dir",
            cache.toString(),
            "--invoke",
            "fac",
            Cli.example("factorial.wat"),
            "10");
    assertThat(r.out()).isEqualTo("3628800\n");
    try (Stream<Path> entries = Files.list(cache)) {
      assertThat(entries.filter(p -> p.toString().endsWith(".cwasm")).count()).isEqualTo(1);
    }
    Path other = dir.resolve("none");
    Cli.run(
        "run",
        "--tier",
        "compiled",
        "--no-cache",
        "--cache-dir",
        other.toString(),
        "--invoke",
        "fac",
        Cli.example("factorial.wat"),
        "10");
    assertThat(other).doesNotExist();
  }
}

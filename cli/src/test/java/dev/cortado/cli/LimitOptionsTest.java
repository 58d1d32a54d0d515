package dev.cortado.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cortado run}'s limits: --max-memory, --max-table-elements, --fuel, --timeout, ... */
class LimitOptionsTest {
  private static final String BOMB =
      """
      (module (memory 1)
        (func (export "bomb") (result i32)
          (loop $l (br_if $l (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
          (memory.size)))
      """;

  private static final String SPIN =
      "(module (func (export \"spin\") (loop $l (br $l))) (func (export \"_start\") (call 0)))";

  @TempDir Path dir;

  private String write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text).toString();
  }

  @Test
  void maxMemoryStopsAMemoryBomb() throws IOException {
    Cli r = Cli.run("run", "--max-memory", "1MiB", "--invoke", "bomb", write("bomb.wat", BOMB));
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("16\n");
    Cli trapping =
        Cli.run(
            "run",
            "--max-memory",
            "128KiB",
            "--trap-on-grow-failure",
            "--invoke",
            "bomb",
            write("bomb.wat", BOMB));
    assertThat(trapping.code()).isEqualTo(ExitCode.TRAP);
    assertThat(trapping.err()).contains("wasm trap: resource limit exceeded\n");
  }

  @Test
  void maxTableElementsLimitsTableGrow() throws IOException {
    String file =
        write(
            "table.wat",
            """
            (module (table 0 funcref)
              (func (export "grow") (param i32) (result i32)
                (table.grow (ref.null func) (local.get 0))))
            """);
    assertThat(Cli.run("run", "--max-table-elements", "10", "--invoke", "grow", file, "10").out())
        .isEqualTo("0\n");
    assertThat(Cli.run("run", "--max-table-elements", "10", "--invoke", "grow", file, "11").out())
        .isEqualTo("-1\n");
  }

  @Test
  void fuelStopsAnInfiniteLoop() throws IOException {
    Cli r = Cli.run("run", "--fuel", "1000", write("spin.wat", SPIN));
    assertThat(r.code()).isEqualTo(ExitCode.TRAP);
    assertThat(r.err()).startsWith("error: ").contains("wasm trap: out of fuel (--fuel 1000)\n");
    assertThat(r.err()).contains("spin");
  }

  @Test
  void timeoutStopsAnInfiniteLoop() throws IOException {
    long start = System.nanoTime();
    Cli r = Cli.run("run", "--timeout", "200ms", write("spin.wat", SPIN));
    assertThat(r.code()).isEqualTo(ExitCode.TRAP);
    assertThat(r.err()).contains("wasm trap: interrupted (--timeout 200ms)\n");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void fuelAndTimeoutLeaveAFinishingRunAlone() {
    Cli r =
        Cli.run(
            "run",
            "--fuel",
            "100000000",
            "--timeout",
            "1m",
            "--invoke",
            "fib",
            Cli.example("fib.wat"),
            "20");
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("6765\n");
  }

  @Test
  void maxCallDepthLimitsRecursion() throws IOException {
    String file = write("rec.wat", "(module (func (export \"_start\") (call 0)))");
    Cli r = Cli.run("run", "--max-call-depth", "100", file);
    assertThat(r.code()).isEqualTo(ExitCode.TRAP);
    assertThat(r.err()).contains("wasm trap: call stack exhausted\n");
    assertThat(r.err().lines().filter(l -> l.contains("_start @")).count()).isEqualTo(100);
  }

  @Test
  void maxInstancesRefusesInstantiation() throws IOException {
    Cli r = Cli.run("run", "--max-instances", "0", write("empty.wat", "(module)"));
    assertThat(r.code()).isEqualTo(ExitCode.TRAP);
    assertThat(r.err()).contains("resource limit exceeded: more than 0 instances");
  }

  @Test
  void badValuesAreUsageErrors() {
    Cli size = Cli.run("run", "--max-memory", "12XB", Cli.example("fib.wat"));
    assertThat(size.code()).isEqualTo(ExitCode.USAGE);
    assertThat(size.err()).contains("invalid size unit in '12XB'");
    Cli duration = Cli.run("run", "--timeout", "5 parsecs", Cli.example("fib.wat"));
    assertThat(duration.code()).isEqualTo(ExitCode.USAGE);
    assertThat(duration.err()).contains("invalid duration unit");
    Cli fuel = Cli.run("run", "--fuel", "-1", Cli.example("fib.wat"));
    assertThat(fuel.code()).isEqualTo(ExitCode.USAGE);
    assertThat(fuel.err()).contains("--fuel must not be negative");
  }

  @Test
  void sizesAndDurationsParse() {
    assertThat(SizeConverter.parse("65536")).isEqualTo(65536);
    assertThat(SizeConverter.parse("64MiB")).isEqualTo(64L << 20);
    assertThat(SizeConverter.parse("64M")).isEqualTo(64L << 20);
    assertThat(SizeConverter.parse("2GB")).isEqualTo(2_000_000_000L);
    assertThat(SizeConverter.parse("1k")).isEqualTo(1024);
    assertThatThrownBy(() -> SizeConverter.parse("MiB")).hasMessageContaining("invalid size");
    assertThatThrownBy(() -> SizeConverter.parse("99999999999G")).hasMessageContaining("too large");
    assertThat(DurationConverter.parse("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(DurationConverter.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationConverter.parse("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(DurationConverter.parse("10us")).isEqualTo(Duration.ofNanos(10_000));
    assertThatThrownBy(() -> DurationConverter.parse("0s")).hasMessageContaining("positive");
    assertThat(DurationConverter.format(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(DurationConverter.format(Duration.ofSeconds(5))).isEqualTo("5s");
  }
}

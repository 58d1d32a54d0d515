package dev.cortado.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line itself: help, version, usage errors and file errors. */
class MainTest {
  @TempDir Path dir;

  @Test
  void helpListsTheCommands() {
    Cli r = Cli.run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("Usage: cortado").contains("run", "validate", "inspect");
    assertThat(r.out()).contains("convert", "wast");
    assertThat(r.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "validate", "inspect", "convert", "wast"})
  void everyCommandHasHelpAndVersion(String command) {
    Cli help = Cli.run(command, "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Usage: cortado " + command);
    Cli version = Cli.run(command, "--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).matches("cortado \\d+\\.\\d+\\.\\d+\\S*\\R");
  }

  @Test
  void aCommandLineGetsOnlyTheCommandItRunsUnderTheCommandsOwnName() {
    Io io = new Io(System.in, System.out, System.err);
    assertThat(Main.commandLine(io).getSubcommands().keySet())
        .containsExactly("run", "compile", "validate", "inspect", "convert", "wast", "fuzz");
    assertThat(Main.commandLine(io, new String[] {"compile", "x.wasm"}).getSubcommands().keySet())
        .containsExactly("compile");
    assertThat(Main.commandLine(io, new String[] {"x.wasm"}).getSubcommands().keySet())
        .containsExactly("run");
    assertThat(Main.commandLine(io, new String[] {"--help"}).getSubcommands()).hasSize(7);
  }

  @Test
  void withoutACommandItPrintsTheUsageAsAUsageError() {
    Cli r = Cli.run();
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("Usage: cortado");
  }

  @Test
  void anUnknownOptionIsOneLinePlusAHint() {
    Cli r = Cli.run("run", "--bogus", "x.wasm");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .isEqualTo(
            "error: unknown option: '--bogus'\n"
                + "Try 'cortado run --help' for more information.\n");
  }

  @Test
  void aMissingFileParameterIsAUsageError() {
    Cli r = Cli.run("validate");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err().lines()).first().asString().startsWith("error: missing required parameter");
  }

  @Test
  void anUnknownTierIsAUsageError() {
    Cli r = Cli.run("run", "--tier", "jit", "x.wat");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err().lines().findFirst().orElseThrow())
        .contains("unknown tier 'jit' (expected one of: interpreter, compiled, tiered)");
  }

  @Test
  void aMissingFileIsNamed() {
    Cli r = Cli.run("run", "nosuch.wasm");
    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).isEqualTo("error: no such file: nosuch.wasm\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aFileWithoutCommandIsRun() {
    assertThat(Cli.run("nosuch.wasm").err()).isEqualTo("error: no such file: nosuch.wasm\n");
  }

  @Test
  void aDirectoryIsNotAModule() {
    Cli r = Cli.run("validate", dir.toString());
    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).isEqualTo("error: " + dir + ": is a directory\n");
  }

  @Test
  void convertNeedsAnOutput() {
    Cli r = Cli.run("convert", "x.wat");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).startsWith("error: missing required option: '--output=OUT'");
  }

  @Test
  void wastNamesAMissingScript() {
    Cli r = Cli.run("wast", "--testsuite", dir.toString(), "nope.wast");
    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).startsWith("error: no such file: nope.wast");
  }
}

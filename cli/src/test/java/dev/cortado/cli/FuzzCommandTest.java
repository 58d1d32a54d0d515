package dev.cortado.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code cortado fuzz}: a short run, and its usage errors. */
class FuzzCommandTest {
  @Test
  void aShortRunReportsItsCasesAndFindsNothing() {
    Cli r = Cli.run("fuzz", "--seed", "5", "--cases", "300", "--seconds", "120");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("fuzz: seed 5, ");
    assertThat(r.out()).contains("fuzz: 300 cases in ").contains(", 0 findings; {");
  }

  @Test
  void badValuesAreUsageErrors() {
    Cli r = Cli.run("fuzz", "--seconds", "0");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--seconds and --cases must be positive");
    Cli list = Cli.run("fuzz", "--list", "lists/none.txt", "--cases", "1");
    assertThat(list.code()).isEqualTo(ExitCode.ERROR);
    assertThat(list.err()).contains("no such list");
  }
}

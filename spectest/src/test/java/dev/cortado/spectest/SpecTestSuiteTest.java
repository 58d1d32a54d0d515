package dev.cortado.spectest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecTestSuiteTest {
  @TempDir Path dir;

  @Test
  void listFilesNameScriptsRelativeToTheSuite() throws IOException {
    Files.createDirectories(dir.resolve("lists"));
    Files.createDirectories(dir.resolve("2.0"));
    Files.writeString(dir.resolve("2.0/a.wast"), "");
    Files.writeString(dir.resolve("lists/x.txt"), "2.0/a.wast\n\n# a comment\n2.0/b.wast\n");
    SpecTestSuite suite = new SpecTestSuite(dir);
    List<SpecTestSuite.SpecFile> files = suite.resolve(List.of("lists/x.txt", "2.0/a.wast"));
    assertThat(files)
        .extracting(SpecTestSuite.SpecFile::name)
        .containsExactly("2.0/a.wast", "2.0/b.wast", "2.0/a.wast");
    assertThat(files.get(1).path()).isEqualTo(dir.resolve("2.0/b.wast").toAbsolutePath());
  }

  @Test
  void aListGivenByPathFindsItsScriptsBesideIt() throws IOException {
    Path other = dir.resolve("elsewhere");
    Files.createDirectories(other.resolve("lists"));
    Files.writeString(other.resolve("lists/y.txt"), "2.0/c.wast\n");
    SpecTestSuite suite = new SpecTestSuite(dir.resolve("default"));
    List<SpecTestSuite.SpecFile> files =
        suite.resolve(List.of(other.resolve("lists/y.txt").toString()));
    assertThat(files)
        .containsExactly(
            new SpecTestSuite.SpecFile(other.resolve("2.0/c.wast").toAbsolutePath(), "2.0/c.wast"));
  }

  @Test
  void anArgumentFoundNowhereIsAnError() {
    SpecTestSuite suite = new SpecTestSuite(dir);
    assertThatThrownBy(() -> suite.resolve(List.of("nope.wast")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no such file: nope.wast");
  }

  @Test
  void mainEndsWithTheTotalsLineAndFailsWhenSomethingFailed() throws IOException {
    Path script = dir.resolve("bad.wast");
    Files.writeString(script, "(assert_return (invoke \"f\") (i32.const 1))\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SpecTestMain.run(
            new String[] {"--testsuite", dir.toString(), script.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(code).isEqualTo(1);
    assertThat(lines.getFirst()).isEqualTo("FAIL  bad.wast  0 passed, 1 failed");
    assertThat(lines.get(1)).startsWith("    bad.wast:1: ");
    assertThat(lines.getLast()).isEqualTo("0 passed, 1 failed");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void mainRejectsBadUsageWithExitCode2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThat(SpecTestMain.run(new String[] {"--tier", "jit", "x.wast"}, out, errStream))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("error: unknown tier 'jit' (expected one of: interpreter, compiled, tiered)");
    assertThat(SpecTestMain.run(new String[] {}, out, errStream)).isEqualTo(2);
    assertThat(SpecTestMain.run(new String[] {"--frobnicate"}, out, errStream)).isEqualTo(2);
  }
}

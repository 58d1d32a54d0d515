package dev.cortado.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cortado inspect} against golden files: each module under {@code
 * src/test/resources/inspect/} (.wat or .wasm) has the expected output beside it as {@code
 * <name>.expected}. Run with the environment variable {@code CORTADO_BLESS=1} to rewrite the
 * expected files from the actual output (then review the diff).
 */
class InspectGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/inspect");

  static Stream<String> modules() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".wat") || n.endsWith(".wasm"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("modules")
  void matchesTheGoldenFile(String name) throws IOException {
    Path module = DIR.resolve(name);
    Cli r = Cli.run("inspect", module.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    // The file line names the module as given; the golden file names it without the folder.
    String actual = r.out().replace("file: " + module, "file: " + name);
    Path expected = DIR.resolve(name + ".expected");
    if ("1".equals(System.getenv("CORTADO_BLESS"))) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }
}

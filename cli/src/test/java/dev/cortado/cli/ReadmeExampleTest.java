package dev.cortado.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's embedding example is compiled and run as written, so it cannot go stale. */
class ReadmeExampleTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void readmeJavaExampleCompilesAndPrintsFib30() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(m.find()).as("README has a ```java example").isTrue();
    String snippet = m.group(1);

    Path dir = Files.createTempDirectory("readme-example");
    Path source = dir.resolve("ReadmeExample.java");
    Files.writeString(
        source,
        """
        import dev.cortado.runtime.*;
        import dev.cortado.wasm.*;
        import java.nio.file.Path;

        public class ReadmeExample {
          public static void main(String[] args) throws Exception {
        %s
          }
        }
        """
            .formatted(snippet));

    String path = dependencyPath();
    Path bin = Path.of(System.getProperty("java.home"), "bin");
    run(
        ROOT,
        bin.resolve("javac").toString(),
        "-cp",
        path,
        "-d",
        dir.toString(),
        source.toString());
    String out =
        run(
            ROOT,
            bin.resolve("java").toString(),
            "-cp",
            dir + File.pathSeparator + path,
            "ReadmeExample");
    assertThat(out.strip()).isEqualTo("832040");
  }

  /** Runs a JDK tool in {@code cwd}; returns its stdout, failing on a non-zero exit. */
  private static String run(Path cwd, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }

  /** The jars or class folders of cortado-wasm and cortado-runtime, as the test runs them. */
  private static String dependencyPath() {
    List<String> entries = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value == null) {
        continue;
      }
      for (String entry : value.split(File.pathSeparator)) {
        if (entry.contains("wasm") || entry.contains("runtime")) {
          entries.add(entry);
        }
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}

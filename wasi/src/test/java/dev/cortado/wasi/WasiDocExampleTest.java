package dev.cortado.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Java example of docs/wasi.md is the code between the markers below, and it runs: the test
 * fails if the two drift apart.
 */
class WasiDocExampleTest {
  private static final String WC_WASM = Corpus.wasm("wc").toString();
  private static final Path SELF =
      Path.of("src/test/java/dev/cortado/wasi/WasiDocExampleTest.java");
  private static final Path DOC = Path.of("../docs/wasi.md");

  @Test
  void exampleRuns() throws Exception {
    // example-start
    Path data = Files.createTempDirectory("data");
    Files.writeString(data.resolve("words.txt"), "one two three\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WasiConfig config =
        WasiConfig.defaults()
            .withArgs("wc", "/data/words.txt")
            .withEnv("LANG", "C")
            .withReadOnlyPreopen(data, "/data")
            .withStdout(out);
    Linker linker = new Linker();
    int exitCode;
    try (Wasi wasi = Wasi.define(linker, config)) {
      Instance instance = linker.instantiate(new Store(), WasmModule.read(Path.of(WC_WASM)));
      exitCode = wasi.start(instance); // runs _start: proc_exit's code, or 0
    }
    // prints "      1       3      14 /data/words.txt"
    System.out.print(out.toString(StandardCharsets.UTF_8));
    // example-end
    assertThat(exitCode).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("      1       3      14 /data/words.txt\n");
    Files.delete(data.resolve("words.txt"));
    Files.delete(data);
  }

  @Test
  void docShowsTheCodeThatRuns() throws Exception {
    String source = Files.readString(SELF);
    String region =
        source.substring(
            source.indexOf("// example-start\n") + "// example-start\n".length(),
            source.indexOf("    // example-end"));
    String code = region.replaceAll("(?m)^    ", "").strip();
    Matcher m =
        Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
    assertThat(m.find()).isTrue();
    assertThat(m.group(1).strip()).isEqualTo(code);
  }
}

package dev.cortado.wasi;

import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.wasm.WasmModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/** The prebuilt test corpus (src/test/resources/corpus) and a way to run its programs. */
final class Corpus {
  /** Where the committed .wasm copies are (surefire runs in the module directory). */
  static final Path DIR = Path.of("src/test/resources/corpus");

  private static final ConcurrentHashMap<String, WasmModule> MODULES = new ConcurrentHashMap<>();

  private Corpus() {}

  static Path wasm(String name) {
    return DIR.resolve(name + ".wasm");
  }

  static WasmModule module(String name) {
    return MODULES.computeIfAbsent(
        name,
        n -> {
          try {
            return WasmModule.parse(Files.readAllBytes(wasm(n)));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  /** What a run printed and how it ended. */
  record Run(int exitCode, String stdout, String stderr) {}

  /**
   * Runs program {@code name} with {@code config} (its stdio replaced by {@code stdin} and captured
   * output); argv[0] is the program name followed by {@code args}.
   */
  static Run run(String name, WasiConfig config, String stdin, String... args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] argv = new String[args.length + 1];
    argv[0] = name;
    System.arraycopy(args, 0, argv, 1, args.length);
    WasiConfig c =
        config
            .withArgs(argv)
            .withStdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
            .withStdout(out)
            .withStderr(err);
    Linker linker = new Linker();
    int code;
    try (Wasi wasi = Wasi.define(linker, c)) {
      Instance instance = linker.instantiate(new Store(), module(name));
      code = wasi.start(instance);
    }
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}

package dev.cortado.bench.jmh;

import dev.cortado.wasm.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The modules the JMH figures load. */
final class BenchFiles {
  /** Set by {@link JmhRun} for the forked JVMs: the bench/ directory. */
  static final String BENCH_DIR_PROPERTY = "cortado.bench.dir";

  private BenchFiles() {}

  /** {@link GuestModule} in the binary format. */
  static byte[] guestModule() {
    return WasmModule.parseText(GuestModule.WAT).toBinary();
  }

  /**
   * The module whose decoding and validation the parse figure times: SQLite's speedtest1 (about 1
   * MB of code, built by bench/run).
   */
  static Path parseModule() {
    return benchDir().resolve("build/wasm/speedtest1.wasm");
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + file + " (run bench/run jmh, which builds it)", e);
    }
  }

  static Path benchDir() {
    return Path.of(System.getProperty(BENCH_DIR_PROPERTY, "bench")).toAbsolutePath();
  }
}

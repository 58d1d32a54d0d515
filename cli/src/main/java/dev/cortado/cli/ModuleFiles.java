package dev.cortado.cli;

import dev.cortado.runtime.Trap;
import dev.cortado.wasm.WasmException;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.internal.binary.BinaryReader;
import dev.cortado.wasm.internal.text.WatParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads module files, binary ({@code \0asm}) or text, and turns every failure into a one-line
 * {@link CliError} that names the file and, for bad modules, the place in it.
 */
final class ModuleFiles {
  private ModuleFiles() {}

  /** The bytes of {@code file}. */
  static byte[] read(Path file) {
    if (Files.isDirectory(file)) {
      throw CliError.error(file + ": is a directory");
    }
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw CliError.error("no such file: " + file);
    } catch (AccessDeniedException e) {
      throw CliError.error(file + ": permission denied");
    } catch (IOException e) {
      throw CliError.error(file + ": cannot read: " + e.getMessage());
    }
  }

  /** Whether {@code bytes} are a binary module rather than text. */
  static boolean isBinary(byte[] bytes) {
    return WasmModule.isBinary(bytes);
  }

  /** Decodes {@code file} (binary or text) without validating it. */
  static WasmModule decode(Path file) {
    return decode(file, read(file));
  }

  /** Decodes the {@code bytes} read from {@code file} without validating them. */
  static WasmModule decode(Path file, byte[] bytes) {
    try {
      return isBinary(bytes)
          ? BinaryReader.read(bytes)
          : WatParser.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (WasmException e) {
      throw moduleError(file, e);
    }
  }

  /** Decodes and validates {@code file}. */
  static WasmModule load(Path file) {
    WasmModule module = decode(file);
    try {
      return module.validate();
    } catch (WasmException e) {
      throw moduleError(file, e);
    }
  }

  /** {@code <file>: <location>: <reason>}, e.g. {@code fib.wasm: offset 0x1f: unexpected end}. */
  static CliError moduleError(Path file, WasmException e) {
    return CliError.error(file + ": " + e.getMessage());
  }

  /** A trap: its message, then the wasm backtrace one frame a line. */
  static CliError trap(Path file, Trap trap) {
    String backtrace = trap.formatBacktrace();
    return new CliError(
        ExitCode.TRAP,
        file + ": wasm trap: " + trap.reason(),
        backtrace.isEmpty() ? "" : "wasm backtrace:" + System.lineSeparator() + backtrace);
  }
}

package dev.cortado.cli;

import dev.cortado.wasm.WasmModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cortado convert}: writes a module in the binary format: text to binary (like {@code
 * wat2wasm}), or binary re-encoded. The module is validated first, as {@code wat2wasm} does.
 */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Writes a module in the binary format (text to binary).",
    description = {
      "Writes a module (.wat or .wasm) in the binary format, after validating it.",
      "Writing the text format is not supported yet."
    })
final class ConvertCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(index = "0", paramLabel = "IN", description = "The module, binary or text.")
  Path in;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      required = true,
      description = "Where to write the binary module; - for standard output.")
  String out;

  ConvertCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    String lower = out.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".wat") || lower.endsWith(".wast")) {
      throw CliError.error(out + ": writing the text format is not supported yet");
    }
    WasmModule module = ModuleFiles.load(in);
    byte[] binary = module.toBinary();
    if (out.equals("-")) {
      io.out().write(binary, 0, binary.length);
      io.out().flush();
      return ExitCode.OK;
    }
    try {
      Files.write(Path.of(out), binary);
    } catch (IOException e) {
      throw CliError.error(out + ": cannot write: " + e.getMessage());
    }
    return ExitCode.OK;
  }
}

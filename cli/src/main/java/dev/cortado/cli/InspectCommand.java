package dev.cortado.cli;

import dev.cortado.wasm.WasmModule;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cortado inspect}: what a module contains, without validating or running it. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Shows what a module contains: sections, imports, exports.",
    description = {
      "Prints a module's sections (offset, size, entry count), imports and exports with",
      "their types, start function and custom sections. The module is decoded, not",
      "validated. A text module is shown as its binary encoding."
    })
final class InspectCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(index = "0", paramLabel = "FILE", description = "The module, binary or text.")
  Path file;

  InspectCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    byte[] bytes = ModuleFiles.read(file);
    WasmModule module = ModuleFiles.decode(file, bytes);
    boolean fromText = !ModuleFiles.isBinary(bytes);
    byte[] binary = fromText ? module.toBinary() : bytes;
    io.out().print(Inspector.describe(file.toString(), module, binary, fromText));
    io.out().flush();
    return ExitCode.OK;
  }
}

package dev.cortado.cli;

import dev.cortado.runtime.CompiledCode;
import dev.cortado.runtime.CompiledCodeStatistics;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.wasm.WasmModule;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cortado compile}: compiles a module ahead of time into a {@code .cwasm} file. */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Compiles a module ahead of time into a .cwasm file.",
    description = {
      "Compiles every function of a WebAssembly module (.wasm or .wat) to JVM bytecode and",
      "writes the module with its code as a .cwasm file, which 'cortado run' runs without",
      "compiling. The file records the runtime version and the compiler settings; another",
      "Cortado version rejects it."
    })
final class CompileCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(index = "0", paramLabel = "FILE", description = "The module, binary or text.")
  Path file;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description = "The .cwasm file to write (default: FILE with the extension .cwasm).")
  Path output;

  @Option(
      names = "--stats",
      description = "Print how much was compiled: functions, methods, methods over the limit.")
  boolean stats;

  CompileCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    WasmModule module = ModuleFiles.load(file);
    Path out = output != null ? output : defaultOutput(file);
    StoreConfig config = CompilerOptions.defaults().withTier(Tier.COMPILED);
    CompiledCodeStatistics s;
    try {
      s = CompiledCode.writeCwasm(module, config, out);
    } catch (UncheckedIOException e) {
      throw CliError.error(e.getMessage());
    }
    if (stats) {
      io.out().println(out + ": " + s);
    }
    io.out().flush();
    return ExitCode.OK;
  }

  private static Path defaultOutput(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return file.resolveSibling(base + ".cwasm");
  }
}

package dev.cortado.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cortado validate}: decodes and validates a module. Like {@code wasm-tools validate} it
 * prints nothing when the module is valid (exit 0), and one error line otherwise (exit 1).
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Checks that a module is well-formed and valid.",
    description = {
      "Checks that a module (.wasm or .wat) is well-formed and valid.",
      "Prints nothing and exits 0 if it is; prints the error and exits 1 if not."
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The module, binary or text.")
  Path file;

  ValidateCommand() {}

  @Override
  public Integer call() {
    ModuleFiles.load(file);
    return ExitCode.OK;
  }
}

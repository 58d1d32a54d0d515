package dev.cortado.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top command, {@code cortado}: only dispatches to its subcommands. */
@Command(
    name = "cortado",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A WebAssembly runtime for the JVM.",
    synopsisSubcommandLabel = "COMMAND",
    footer = {
      "",
      "'cortado FILE ...' is short for 'cortado run FILE ...'.",
      "Run 'cortado COMMAND --help' for a command's options.",
      "Exit codes: 0 ok, 1 bad file or module, link error or failed script, 2 usage error,",
      "134 trap, 70 internal error."
    })
final class CortadoCommand implements Callable<Integer> {
  private final Io io;

  @Spec CommandSpec spec;

  CortadoCommand(Io io) {
    this.io = io;
  }

  /** Without a command: the usage, on stderr, as a usage error. */
  @Override
  public Integer call() {
    io.err().print(spec.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF));
    io.err().flush();
    return ExitCode.USAGE;
  }
}

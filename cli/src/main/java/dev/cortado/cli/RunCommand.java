package dev.cortado.cli;

import dev.cortado.runtime.ExitException;
import dev.cortado.runtime.ExportedFunction;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.InstantiationFailedException;
import dev.cortado.runtime.LinkException;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.Trap;
import dev.cortado.runtime.Value;
import dev.cortado.wasi.Wasi;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cortado run}: instantiates a module and runs its {@code _start}, or calls the export that
 * {@code --invoke} names with the arguments after FILE and prints each result on its own line. WASI
 * preview 1 is always linked; what the guest may reach comes from {@link WasiOptions}, and a
 * guest's {@code proc_exit} code becomes the exit code.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Runs a module: its _start, or the export --invoke names.",
    description = {
      "Runs a WebAssembly module (.wasm or .wat, or .cwasm from 'cortado compile').",
      "Without --invoke, calls the export _start if there is one, else only instantiates;",
      "ARGS are then the program's arguments (WASI argv, after FILE as argv[0]).",
      "With --invoke, calls that export with ARGS (parsed by its parameter types:",
      "integers in decimal or 0x hex, floats in decimal or hex, nan, inf, -inf)",
      "and prints each result on its own line.",
      "WASI preview 1 (wasi_snapshot_preview1) is linked, with stdin, stdout and stderr;",
      "directories, environment and sockets only as the options below grant them."
    },
    footer = {
      "",
      "Exit codes: the program's own (WASI proc_exit), else 0 ok, 1 bad file or module or",
      "link error, 2 usage error, 134 trap."
    })
final class RunCommand implements Callable<Integer> {
  private final Io io;

  @Option(
      names = "--invoke",
      paramLabel = "NAME",
      description = "The exported function to call instead of _start.")
  String invoke;

  @Mixin CompilerOptions compiler = new CompilerOptions();

  @Parameters(index = "0", paramLabel = "FILE", description = "The module, binary or text.")
  Path file;

  @Parameters(
      index = "1..*",
      paramLabel = "ARGS",
      description = "The program's arguments, or those of the function --invoke names.")
  List<String> args = new ArrayList<>();

  @Mixin WasiOptions wasi = new WasiOptions();

  RunCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    WasmModule module = compiler.load(file);
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      return run(module, resources);
    } finally {
      for (AutoCloseable r : resources) {
        try {
          r.close();
        } catch (Exception e) {
          io.err().println("warning: " + e.getMessage());
        }
      }
    }
  }

  private int run(WasmModule module, List<AutoCloseable> resources) {
    List<String> argv = new ArrayList<>();
    argv.add(file.toString());
    if (invoke == null) {
      argv.addAll(args);
    }
    Linker linker = new Linker();
    Store store = new Store(compiler.storeConfig());
    Wasi guest;
    try {
      guest = Wasi.define(linker, wasi.config(argv, io, resources));
    } catch (IOException e) {
      throw CliError.error(e.getMessage());
    }
    resources.add(0, guest);
    try {
      for (WasiOptions.Preload p : wasi.preloadList()) {
        linker.define(p.name(), instantiate(linker, store, compiler.load(p.file()), p.file()));
      }
      Instance instance = instantiate(linker, store, module, file);
      if (invoke != null) {
        ExportedFunction function = exportedFunction(instance, invoke);
        Value[] results = call(function, arguments(function.type()));
        for (Value v : results) {
          io.out().println(ValueText.format(v));
        }
      } else {
        ExportedFunction start = instance.function("_start");
        if (start != null) {
          call(start, new Value[0]);
        }
      }
    } catch (ExitException e) {
      io.out().flush();
      return e.exitCode();
    }
    io.out().flush();
    return ExitCode.OK;
  }

  private static Instance instantiate(Linker linker, Store store, WasmModule module, Path file) {
    try {
      return linker.instantiate(store, module);
    } catch (LinkException e) {
      throw ModuleFiles.moduleError(file, e);
    } catch (InstantiationFailedException e) {
      throw ModuleFiles.trap(file, e.trap());
    }
  }

  private static ExportedFunction exportedFunction(Instance instance, String name) {
    if (instance.export(name) == null) {
      throw CliError.usage("export '" + name + "' not found");
    }
    ExportedFunction function = instance.function(name);
    if (function == null) {
      throw CliError.usage(
          "export '" + name + "' is a " + instance.export(name).kind().text() + ", not a function");
    }
    return function;
  }

  /** The ARGS as values of the function's parameter types. */
  private Value[] arguments(FuncType type) {
    List<ValType> params = type.params();
    if (args.size() != params.size()) {
      throw CliError.usage(
          "function '"
              + invoke
              + "' takes "
              + params.size()
              + (params.size() == 1 ? " argument" : " arguments")
              + " "
              + type
              + ", but "
              + args.size()
              + (args.size() == 1 ? " was" : " were")
              + " given");
    }
    Value[] values = new Value[params.size()];
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] = ValueText.parse(params.get(i), args.get(i));
      } catch (IllegalArgumentException e) {
        throw CliError.usage(
            "invalid argument '"
                + args.get(i)
                + "' for parameter "
                + (i + 1)
                + " ("
                + params.get(i)
                + ")");
      }
    }
    return values;
  }

  private Value[] call(ExportedFunction function, Value[] values) {
    try {
      return function.call(values);
    } catch (Trap t) {
      throw ModuleFiles.trap(file, t);
    }
  }
}

package dev.cortado.spectest;

import static dev.cortado.spectest.Failures.quote;

import dev.cortado.runtime.ExportedFunction;
import dev.cortado.runtime.Global;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.InstantiationFailedException;
import dev.cortado.runtime.LinkException;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.InvalidModuleException;
import dev.cortado.wasm.MalformedModuleException;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.WasmException;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.internal.binary.BinaryReader;
import dev.cortado.wasm.internal.text.WastParser;
import dev.cortado.wasm.internal.text.WatParser;
import dev.cortado.wasm.internal.wast.ModuleSource;
import dev.cortado.wasm.internal.wast.WastAction;
import dev.cortado.wasm.internal.wast.WastCommand;
import dev.cortado.wasm.internal.wast.WastCommand.ModuleCommand;
import dev.cortado.wasm.internal.wast.WastValue;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the commands of one script in one store, as the reference interpreter's {@code
 * script/run.ml} does, counting each command once in a {@link Tally}. Unlike the reference
 * interpreter it goes on after a failure, so that one bug does not hide the rest of a file.
 *
 * <p>Error messages are matched by the reference interpreter's rule: the expected message must be a
 * prefix of ours ({@code assert_message}). For traps a mismatch is a failure; for malformed,
 * invalid and unlinkable modules only the kind of error must match, and a different message is
 * recorded as a diagnostic, since engines word these differently.
 */
final class ScriptExecution {
  private final Tally tally;
  private final PrintStream printOut;
  private final WastValues values = new WastValues();
  private final Store store;
  private final Linker linker = new Linker();

  /** Instances by script name ({@code $name} without the {@code $}). */
  private final Map<String, Instance> instances = new HashMap<>();

  /** {@code (module definition $name ...)}s by name. */
  private final Map<String, WasmModule> definitions = new HashMap<>();

  /** Names whose module failed, with why: later uses say so. */
  private final Map<String, String> failedNames = new HashMap<>();

  /** The most recent instance, which actions without a module name act on, or null. */
  private Instance current;

  /** Why there is no current instance. */
  private String noCurrentReason = "no module instantiated yet";

  /** The most recent module definition, for {@code (module instance)} without a module name. */
  private WasmModule lastDefinition;

  ScriptExecution(dev.cortado.runtime.StoreConfig config, Tally tally, PrintStream printOut) {
    this.tally = tally;
    this.printOut = printOut;
    this.store = new Store(config);
  }

  /** Parses and runs a whole script; never throws. */
  void run(String script) {
    List<WastCommand> commands;
    try {
      commands = WastParser.parse(script);
    } catch (Throwable t) {
      int line = t instanceof WasmException w ? Failures.lineOf(w.location(), 1) : 1;
      tally.fail(line, "script does not parse: " + Failures.describe(t));
      return;
    }
    try {
      SpectestHost.define(linker, printOut);
    } catch (Throwable t) {
      tally.fail(1, "cannot define the spectest host module: " + Failures.describe(t));
      return;
    }
    for (WastCommand command : commands) {
      if (Thread.currentThread().isInterrupted()) {
        return; // timed out: the waiting thread has reported it
      }
      execute(command);
    }
  }

  /** Runs one command and counts it as passed or failed. */
  void execute(WastCommand command) {
    tally.startCommand(command.line());
    try {
      dispatch(command);
      tally.pass();
    } catch (Throwable t) {
      tally.fail(command.line(), Failures.describe(t));
    }
  }

  private void dispatch(WastCommand command) {
    switch (command) {
      case ModuleCommand m -> module(m);
      case WastCommand.ModuleInstanceCommand m -> moduleInstance(m);
      case WastCommand.RegisterCommand r -> linker.define(r.as(), instance(r.moduleName()));
      case WastCommand.ActionCommand a -> perform(a.action());
      case WastCommand.AssertReturn a -> assertReturn(a.action(), a.expected());
      case WastCommand.AssertTrap a when a.action() != null -> assertTrap(a.action(), a.message());
      case WastCommand.AssertTrap a -> assertUninstantiable(a.module(), a.message());
      case WastCommand.AssertExhaustion a -> assertExhaustion(a.action(), a.message());
      case WastCommand.AssertException _ -> throw new CommandFailed("unsupported: exceptions");
      case WastCommand.AssertMalformed a -> assertMalformed(a.line(), a.module(), a.message());
      case WastCommand.AssertInvalid a -> assertInvalid(a.line(), a.module(), a.message());
      case WastCommand.AssertUnlinkable a -> assertUnlinkable(a.line(), a.module(), a.message());
      case WastCommand.Unsupported u -> throw new CommandFailed(WastValues.unsupported(u.what()));
    }
  }

  // ---- modules ----

  private void module(ModuleCommand m) {
    try {
      WasmModule module = decode(m.source()).validate();
      if (m.definition()) {
        lastDefinition = module;
        if (m.name() != null) {
          definitions.put(m.name(), module);
          failedNames.remove(m.name());
        }
        return;
      }
      bind(m.name(), linker.instantiate(store, module));
      checkCompiled(module);
    } catch (Throwable t) {
      unbind(m.name(), m.line(), t);
      throw t;
    }
  }

  /**
   * In the compiled tier, every function of a module must be compiled: none may fall back to the
   * interpreter (SIMD included), so that the suite tests the compiler and not the fallback.
   */
  private void checkCompiled(WasmModule module) {
    dev.cortado.runtime.StoreConfig config = store.config();
    if (config.tier() != dev.cortado.runtime.Tier.COMPILED) {
      return;
    }
    dev.cortado.runtime.CompiledCodeStatistics s =
        dev.cortado.runtime.CompiledCode.compile(module, config);
    if (s.compiledFunctions() != s.functions()) {
      throw new CommandFailed("not all compiled: " + s);
    }
  }

  private void moduleInstance(WastCommand.ModuleInstanceCommand m) {
    try {
      WasmModule module = m.moduleName() == null ? lastDefinition : definitions.get(m.moduleName());
      if (module == null) {
        throw new CommandFailed(
            m.moduleName() == null
                ? "no module definition to instantiate"
                : "unknown module definition $" + m.moduleName());
      }
      bind(m.instanceName(), linker.instantiate(store, module));
    } catch (Throwable t) {
      unbind(m.instanceName(), m.line(), t);
      throw t;
    }
  }

  private void bind(String name, Instance instance) {
    current = instance;
    if (name != null) {
      instances.put(name, instance);
      failedNames.remove(name);
    }
  }

  /**
   * After a module failed: actions on it fail with a reason pointing at that line. When the module
   * failed for a missing feature, their reason names the feature first, so that a report of a later
   * suite says what is missing rather than only that a module failed.
   */
  private void unbind(String name, int line, Throwable cause) {
    String why = Failures.describe(cause);
    String failed = "the module at line " + line + " failed";
    current = null;
    noCurrentReason = why.startsWith("unsupported:") ? why + " (" + failed + ")" : failed;
    if (name != null) {
      instances.remove(name);
      failedNames.put(
          name,
          why.startsWith("unsupported:")
              ? why + " (module $" + name + " failed at line " + line + ")"
              : "module $" + name + " failed at line " + line);
    }
  }

  private Instance instance(String name) {
    if (name == null) {
      if (current == null) {
        throw new CommandFailed(
            noCurrentReason.startsWith("unsupported:")
                ? noCurrentReason
                : "no module to act on: " + noCurrentReason);
      }
      return current;
    }
    Instance instance = instances.get(name);
    if (instance == null) {
      throw new CommandFailed(failedNames.getOrDefault(name, "unknown module $" + name));
    }
    return instance;
  }

  /** Decodes a module without validating it. */
  private static WasmModule decode(ModuleSource source) {
    return switch (source) {
      case ModuleSource.Text(String text, _) -> WatParser.parse(text);
      case ModuleSource.Binary(byte[] bytes) -> BinaryReader.read(bytes);
      case ModuleSource.Quote(String text) -> WatParser.parse(text);
    };
  }

  // ---- actions ----

  private Value[] perform(WastAction action) {
    Instance instance = instance(action.moduleName());
    return switch (action) {
      case WastAction.Invoke invoke -> {
        ExportedFunction function = instance.function(invoke.exportName());
        if (function == null) {
          throw new CommandFailed(missingExport(instance, invoke.exportName(), "function"));
        }
        Value[] args = invoke.args().stream().map(values::argument).toArray(Value[]::new);
        yield function.call(args);
      }
      case WastAction.Get get -> {
        Global global = instance.global(get.exportName());
        if (global == null) {
          throw new CommandFailed(missingExport(instance, get.exportName(), "global"));
        }
        yield new Value[] {global.get()};
      }
    };
  }

  private static String missingExport(Instance instance, String name, String kind) {
    return instance.export(name) == null
        ? "undefined export " + quote(name)
        : "export " + quote(name) + " is not a " + kind;
  }

  private static String describe(WastAction action) {
    String verb = action instanceof WastAction.Invoke ? "invoke " : "get ";
    return verb + quote(action.exportName());
  }

  // ---- assertions on actions ----

  private void assertReturn(WastAction action, List<WastValue> expected) {
    Value[] got;
    try {
      got = perform(action);
    } catch (Trap t) {
      throw new CommandFailed(
          describe(action)
              + ": expected "
              + WastValues.describeExpected(expected)
              + ", got trap: "
              + t.reason());
    }
    boolean ok = got.length == expected.size();
    for (int i = 0; ok && i < got.length; i++) {
      ok = values.matches(got[i], expected.get(i));
    }
    if (!ok) {
      throw new CommandFailed(
          describe(action)
              + ": expected "
              + WastValues.describeExpected(expected)
              + ", got "
              + WastValues.describeValues(got));
    }
  }

  private void assertTrap(WastAction action, String message) {
    Value[] got;
    try {
      got = perform(action);
    } catch (Trap t) {
      if (!t.reason().startsWith(message)) {
        throw new CommandFailed(
            describe(action)
                + ": expected trap "
                + quote(message)
                + ", got trap "
                + quote(t.reason()));
      }
      return;
    }
    throw new CommandFailed(
        describe(action)
            + ": expected trap "
            + quote(message)
            + ", got "
            + WastValues.describeValues(got));
  }

  private void assertExhaustion(WastAction action, String message) {
    Value[] got;
    try {
      got = perform(action);
    } catch (Trap t) {
      if (t.kind() != TrapKind.CALL_STACK_EXHAUSTED || !t.reason().startsWith(message)) {
        throw new CommandFailed(
            describe(action)
                + ": expected exhaustion "
                + quote(message)
                + ", got trap "
                + quote(t.reason())
                + " ("
                + t.kind()
                + ")");
      }
      return;
    }
    throw new CommandFailed(
        describe(action)
            + ": expected exhaustion "
            + quote(message)
            + ", got "
            + WastValues.describeValues(got));
  }

  // ---- assertions on modules ----

  private void assertUninstantiable(ModuleCommand m, String message) {
    String expectation = "expected instantiation to trap " + quote(message);
    WasmModule module = decodeAndValidate(m.source(), expectation);
    try {
      linker.instantiate(store, module);
    } catch (InstantiationFailedException e) {
      if (!e.reason().startsWith(message)) {
        throw new CommandFailed(expectation + ", got trap " + quote(e.reason()));
      }
      return;
    } catch (Throwable t) {
      throw unexpected(expectation, t);
    }
    throw new CommandFailed(expectation + ", but it instantiated");
  }

  private void assertMalformed(int line, ModuleCommand m, String message) {
    String expectation = "expected malformed module " + quote(message);
    try {
      decode(m.source());
    } catch (UnsupportedFeatureException e) {
      throw new CommandFailed(e.reason() + " (" + expectation + ")");
    } catch (MalformedModuleException e) {
      checkMessage(line, "malformed", message, e);
      return;
    } catch (Throwable t) {
      throw unexpected(expectation, t);
    }
    throw new CommandFailed(expectation + ", but it decoded");
  }

  private void assertInvalid(int line, ModuleCommand m, String message) {
    String expectation = "expected invalid module " + quote(message);
    WasmModule module;
    try {
      module = decode(m.source());
    } catch (Throwable t) {
      throw unexpected(expectation, t);
    }
    try {
      module.validate();
    } catch (InvalidModuleException e) {
      checkMessage(line, "invalid", message, e);
      return;
    } catch (Throwable t) {
      throw unexpected(expectation, t);
    }
    throw new CommandFailed(expectation + ", but it validated");
  }

  private void assertUnlinkable(int line, ModuleCommand m, String message) {
    String expectation = "expected link error " + quote(message);
    WasmModule module = decodeAndValidate(m.source(), expectation);
    try {
      linker.instantiate(store, module);
    } catch (LinkException e) {
      checkMessage(line, "link", message, e);
      return;
    } catch (Throwable t) {
      throw unexpected(expectation, t);
    }
    throw new CommandFailed(expectation + ", but it instantiated");
  }

  private static WasmModule decodeAndValidate(ModuleSource source, String expectation) {
    try {
      return decode(source).validate();
    } catch (Throwable t) {
      throw unexpected(expectation, t);
    }
  }

  /** A failure for an assertion that got the wrong kind of outcome. */
  private static CommandFailed unexpected(String expectation, Throwable t) {
    return switch (t) {
      case CommandFailed f -> f;
      // Name the missing feature first: that is the reason, not the expectation.
      case UnsupportedFeatureException u ->
          new CommandFailed(u.reason() + " (" + expectation + ")");
      default -> new CommandFailed(expectation + ", got " + Failures.describe(t));
    };
  }

  /** Records a diagnostic when the error is of the right kind but worded differently. */
  private void checkMessage(int line, String kind, String expected, WasmException e) {
    if (!e.reason().startsWith(expected)) {
      tally.diagnostic(
          line,
          kind
              + " message: expected "
              + quote(expected)
              + ", got "
              + quote(e.reason())
              + (e.location() == null ? "" : " at " + e.location()));
    }
  }
}

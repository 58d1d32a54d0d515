package dev.cortado.runtime.internal;

import dev.cortado.runtime.Caller;
import dev.cortado.runtime.ExitException;
import dev.cortado.runtime.HostFunction;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.FuncType;
import java.util.List;

/** A function implemented in Java (spec 4.2.6 "host function instance"). */
public final class HostFunctionHandle extends FunctionHandle {
  /** What a host function called directly from Java sees: no calling instance. */
  private static final Caller NO_CALLER = () -> null;

  private final HostFunction function;
  private final String name;

  public HostFunctionHandle(FuncType type, HostFunction function, String name) {
    super(type);
    this.function = java.util.Objects.requireNonNull(function, "function");
    this.name = name;
  }

  /** The name it was defined under ({@code module.name}), for messages; may be null. */
  public String name() {
    return name;
  }

  @Override
  public Value[] call(Value... args) {
    Values.checkTypes(type().params(), args, "argument");
    return invoke(NO_CALLER, args.clone());
  }

  /**
   * Runs the function and checks its results. A {@link Trap} or {@link ExitException} passes
   * through; any other exception becomes a trap of kind {@link TrapKind#HOST_ERROR} with it as the
   * cause, and wrong results do too. A Java stack overflow is the guest's call stack being
   * exhausted.
   */
  public Value[] invoke(Caller caller, Value[] args) {
    Value[] results;
    try {
      results = function.call(caller, args);
    } catch (Trap t) {
      throw t;
    } catch (ExitException e) {
      // proc_exit: an exit code, not an error; it unwinds the guest unchanged.
      throw e;
    } catch (StackOverflowError e) {
      throw new Trap(
          TrapKind.CALL_STACK_EXHAUSTED, TrapKind.CALL_STACK_EXHAUSTED.message(), List.of(), e);
    } catch (OutOfMemoryError e) {
      throw new Trap(
          TrapKind.RESOURCE_EXHAUSTED, TrapKind.RESOURCE_EXHAUSTED.message(), List.of(), e);
    } catch (RuntimeException | Error e) {
      throw hostError(e);
    }
    if (results == null && type().results().isEmpty()) {
      return new Value[0];
    }
    try {
      Values.checkTypes(type().results(), results, "result");
    } catch (IllegalArgumentException e) {
      throw hostError(
          new IllegalStateException(
              "host function " + (name == null ? "" : name + " ") + "returned wrong results", e));
    }
    return results;
  }

  private Trap hostError(Throwable cause) {
    String what = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    return new Trap(
        TrapKind.HOST_ERROR,
        TrapKind.HOST_ERROR.message() + (name == null ? "" : " (" + name + ")") + ": " + what,
        List.of(),
        cause);
  }

  /** A caller view of {@code instance}. */
  public static Caller callerOf(Instance instance) {
    return () -> instance;
  }

  @Override
  public String toString() {
    return "host function " + (name == null ? "" : name + " ") + type();
  }
}

package dev.cortado.runtime;

/**
 * A function written in Java that wasm code can import.
 *
 * <pre>{@code
 * linker.define("env", "log", FuncType.of(List.of(ValType.I32), List.of()),
 *     (caller, args) -> { System.out.println(args[0].asInt()); return new Value[0]; });
 * }</pre>
 *
 * <p>Throwing a {@link Trap} traps the guest; any other exception becomes a trap of kind {@link
 * TrapKind#HOST_ERROR} with the exception as its cause.
 */
@FunctionalInterface
public interface HostFunction {
  /** Runs the function; returns exactly the results its type declares. */
  Value[] call(Caller caller, Value[] args);
}

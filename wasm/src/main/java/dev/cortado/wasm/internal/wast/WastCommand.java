package dev.cortado.wasm.internal.wast;

import java.util.List;

/**
 * One command of a {@code .wast} script (the spec interpreter's script format, {@code
 * interpreter/README.md} "Scripts"). {@code line} is the 1-based line of the command's opening
 * parenthesis. Module and instance names are the {@code $id}s without the {@code $}, or null.
 */
public sealed interface WastCommand {
  int line();

  /**
   * {@code (module $name? ...)}, {@code (module $name? binary ...)}, {@code (module $name? quote
   * ...)}; with {@code definition} true for {@code (module definition $name? ...)}, which defines
   * without instantiating.
   */
  record ModuleCommand(int line, String name, ModuleSource source, boolean definition)
      implements WastCommand {}

  /** {@code (module instance $instance? $module?)}: instantiates a module definition. */
  record ModuleInstanceCommand(int line, String instanceName, String moduleName)
      implements WastCommand {}

  /** {@code (register "as" $name?)}. */
  record RegisterCommand(int line, String as, String moduleName) implements WastCommand {}

  /** A bare action: {@code (invoke ...)} or {@code (get ...)}. */
  record ActionCommand(int line, WastAction action) implements WastCommand {}

  /** {@code (assert_return action result*)}. */
  record AssertReturn(int line, WastAction action, List<WastValue> expected)
      implements WastCommand {}

  /**
   * {@code (assert_trap action "msg")}, or {@code (assert_trap (module ...) "msg")} where
   * instantiation must trap: then {@code action} is null and {@code module} is set.
   */
  record AssertTrap(int line, WastAction action, ModuleCommand module, String message)
      implements WastCommand {}

  /** {@code (assert_exhaustion action "msg")}: call stack exhausted. */
  record AssertExhaustion(int line, WastAction action, String message) implements WastCommand {}

  /** {@code (assert_exception action)}: the action throws a wasm exception. */
  record AssertException(int line, WastAction action) implements WastCommand {}

  /** {@code (assert_malformed module "msg")}. */
  record AssertMalformed(int line, ModuleCommand module, String message) implements WastCommand {}

  /** {@code (assert_invalid module "msg")}. */
  record AssertInvalid(int line, ModuleCommand module, String message) implements WastCommand {}

  /** {@code (assert_unlinkable module "msg")}. */
  record AssertUnlinkable(int line, ModuleCommand module, String message) implements WastCommand {}

  /** A command this parser knows but Cortado does not run yet (e.g. threads' {@code thread}). */
  record Unsupported(int line, String what) implements WastCommand {}
}

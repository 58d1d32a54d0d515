package dev.cortado.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Host functions: every value type both ways, multiple results, the caller, errors. */
class HostFunctionTest {
  @Test
  void passesEveryValueTypeAndReturnsSeveralResults() {
    List<Value> seen = new ArrayList<>();
    Linker linker = new Linker();
    FuncType all =
        Asm.funcType("i32 i64 f32 f64 funcref externref -> externref funcref f64 f32 i64 i32");
    linker.define(
        "env",
        "reverse",
        all,
        (caller, args) -> {
          seen.addAll(List.of(args));
          Value[] r = new Value[args.length];
          for (int i = 0; i < args.length; i++) {
            r[i] = args[args.length - 1 - i];
          }
          return r;
        });
    Instance inst =
        linker.instantiate(
            new Store(),
            Asm.module()
                .importFunc(
                    "env",
                    "reverse",
                    "i32 i64 f32 f64 funcref externref -> externref funcref f64 f32 i64 i32")
                .func(
                    "run",
                    "externref -> externref funcref f64 f32 i64 i32",
                    "",
                    "i32.const -5 i64.const 0x7fffffffffffffff f32.const bits=0x7fa00000 "
                        + "f64.const -0.0 ref.func 1 local.get 0 call 0")
                .build());
    Object token = new Object();
    Value[] results = inst.function("run").call(Value.externref(token));
    assertThat(seen)
        .containsExactly(
            Value.i32(-5),
            Value.i64(Long.MAX_VALUE),
            Value.f32Bits(0x7FA00000),
            Value.f64(-0.0),
            Value.funcref(inst.function("run")),
            Value.externref(token));
    assertThat(results)
        .containsExactly(
            Value.externref(token),
            Value.funcref(inst.function("run")),
            Value.f64(-0.0),
            Value.f32Bits(0x7FA00000),
            Value.i64(Long.MAX_VALUE),
            Value.i32(-5));
    // The host function itself, exported back, is callable from Java.
    ExportedFunction reverse = (ExportedFunction) linker.get("env", "reverse");
    assertThat(reverse.type()).isEqualTo(all);
  }

  @Test
  void seesTheCallingInstanceAndItsMemory() {
    Linker linker = new Linker();
    linker.define(
        "env",
        "print",
        Asm.funcType("i32 i32 -> i32"),
        (caller, args) -> {
          Memory memory = caller.memory();
          String s = memory.readString(args[0].asInt(), args[1].asInt());
          memory.writeString(0, s.toUpperCase());
          return new Value[] {Value.i32(s.length())};
        });
    Instance inst =
        linker.instantiate(
            new Store(),
            Asm.module()
                .importFunc("env", "print", "i32 i32 -> i32")
                .memory(1, 1)
                .export("memory", ExternKind.MEMORY, 0)
                .func("run", " -> i32", "", "i32.const 100 i32.const 5 call 0")
                .build());
    inst.memory("memory").writeString(100, "hello");
    assertThat(inst.function("run").call()).containsExactly(Value.i32(5));
    assertThat(inst.memory("memory").readString(0, 5)).isEqualTo("HELLO");
    // Called from Java directly, there is no calling instance.
    Value[] r = new Value[1];
    linker.define(
        "env",
        "who",
        Asm.funcType(" -> "),
        (caller, args) -> {
          r[0] = Value.externref(caller.instance());
          return new Value[0];
        });
    ((ExportedFunction) linker.get("env", "who")).call();
    assertThat(r[0].ref()).isNull();
  }

  @Test
  void exceptionsBecomeHostErrorTrapsWithTheirCause() {
    Linker linker = new Linker();
    IllegalStateException boom = new IllegalStateException("boom");
    linker.define(
        "env",
        "fail",
        Asm.funcType(" -> "),
        (caller, args) -> {
          throw boom;
        });
    linker.define(
        "env", "wrong", Asm.funcType(" -> i32"), (caller, args) -> new Value[] {Value.i64(1)});
    linker.define(
        "env",
        "trap",
        Asm.funcType(" -> "),
        (caller, args) -> {
          throw new Trap(TrapKind.UNREACHABLE, List.of());
        });
    Instance inst =
        linker.instantiate(
            new Store(),
            Asm.module()
                .importFunc("env", "fail", " -> ")
                .importFunc("env", "wrong", " -> i32")
                .importFunc("env", "trap", " -> ")
                .func("fail", " -> ", "", "call 0")
                .func("wrong", " -> i32", "", "call 1")
                .func("trap", " -> ", "", "nop call 2")
                .build());
    Trap t = catchThrowableOfType(Trap.class, () -> inst.function("fail").call());
    assertThat(t.kind()).isEqualTo(TrapKind.HOST_ERROR);
    assertThat(t.getCause()).isSameAs(boom);
    assertThat(t.reason()).contains("env.fail").contains("boom");
    assertThat(t.backtrace()).extracting(Trap.FrameInfo::functionName).containsExactly("fail");
    t = catchThrowableOfType(Trap.class, () -> inst.function("wrong").call());
    assertThat(t.kind()).isEqualTo(TrapKind.HOST_ERROR);
    assertThat(t.getCause()).isInstanceOf(IllegalStateException.class);
    t = catchThrowableOfType(Trap.class, () -> inst.function("trap").call());
    assertThat(t.kind()).isEqualTo(TrapKind.UNREACHABLE);
    assertThat(t.backtrace()).containsExactly(new Trap.FrameInfo(null, 5, "trap", 4));
  }

  @Test
  void trapsInsideCallbacksKeepAllWasmFrames() {
    Linker linker = new Linker();
    Instance[] self = new Instance[1];
    linker.define(
        "env",
        "callback",
        Asm.funcType(" -> "),
        (caller, args) -> {
          self[0].function("inner").call();
          return new Value[0];
        });
    self[0] =
        linker.instantiate(
            new Store(),
            Asm.module()
                .importFunc("env", "callback", " -> ")
                .func("inner", " -> ", "", "unreachable")
                .func("outer", " -> ", "", "call 0")
                .build());
    Trap t = catchThrowableOfType(Trap.class, () -> self[0].function("outer").call());
    assertThat(t.kind()).isEqualTo(TrapKind.UNREACHABLE);
    assertThat(t.backtrace())
        .extracting(Trap.FrameInfo::functionName)
        .containsExactly("inner", "outer");
  }

  @Test
  void argumentsAreCheckedWhenCalledFromJava() {
    Instance inst =
        new Linker()
            .instantiate(new Store(), Asm.module().func("f", "i32 funcref -> ", "", "").build());
    ExportedFunction f = inst.function("f");
    assertThatThrownBy(() -> f.call(Value.i32(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.call(Value.i64(1), Value.nullRef(ValType.FUNCREF)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> f.call(Value.i32(1), Value.ofRaw(ValType.FUNCREF, 0, "not a function")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.call(Value.i32(1), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(f.call(Value.i32(1), Value.nullRef(ValType.FUNCREF))).isEmpty();
  }

  @Test
  void exitExceptionsUnwindTheGuestUnchanged() {
    Linker linker = new Linker();
    ExitException exit = new ExitException(3);
    linker.define(
        "env",
        "exit",
        Asm.funcType("i32 -> "),
        (caller, args) -> {
          throw exit;
        });
    Instance inst =
        linker.instantiate(
            new Store(),
            Asm.module()
                .importFunc("env", "exit", "i32 -> ")
                .func("run", " -> i32", "", "i32.const 3 call 0 i32.const 0")
                .func(
                    "depth",
                    "i32 -> i32",
                    "",
                    "local.get 0 if i32.const 1 return end i32.const 1 call 0 i32.const 0")
                .build());
    assertThatThrownBy(() -> inst.function("run").call()).isSameAs(exit);
    // The machine is left clean: a later call works.
    assertThat(inst.function("depth").call(Value.i32(1))).containsExactly(Value.i32(1));
  }
}

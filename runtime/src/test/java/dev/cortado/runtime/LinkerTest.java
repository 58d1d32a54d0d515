package dev.cortado.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.GlobalType;
import dev.cortado.wasm.Limits;
import dev.cortado.wasm.MemType;
import dev.cortado.wasm.SegmentMode;
import dev.cortado.wasm.TableType;
import dev.cortado.wasm.ValType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Import resolution and matching, and instantiation in the spec's order. */
class LinkerTest {
  private static LinkException linkError(Linker linker, Asm asm) {
    return catchThrowableOfType(
        LinkException.class, () -> linker.instantiate(new Store(), asm.build()));
  }

  @Test
  void missingImportsAreUnknown() {
    LinkException e = linkError(new Linker(), Asm.module().importFunc("env", "f", " -> "));
    assertThat(e.reason()).isEqualTo("unknown import");
    assertThat(e.location()).isEqualTo("env.f");
  }

  @Test
  void importTypesMustMatch() {
    Linker linker = new Linker();
    linker.define("env", "f", Asm.funcType("i32 -> "), (c, a) -> new Value[0]);
    linker.define("env", "mem", Memory.of(MemType.of(new Limits(2, 5))));
    linker.define("env", "mem_nomax", Memory.of(MemType.of(Limits.of(2))));
    linker.define(
        "env",
        "tab",
        Table.of(new TableType(ValType.FUNCREF, new Limits(3, 6)), Value.nullRef(ValType.FUNCREF)));
    linker.define("env", "g", Global.of(new GlobalType(ValType.I32, false), Value.i32(1)));
    linker.define("env", "mg", Global.of(new GlobalType(ValType.I32, true), Value.i32(1)));
    // Compatible: subtyping of limits.
    linker.instantiate(
        new Store(),
        Asm.module()
            .importFunc("env", "f", "i32 -> ")
            .importMemory("env", "mem", 1, 5)
            .importTable("env", "tab", "funcref", 3, 10)
            .importGlobal("env", "g", "i32", false)
            .importGlobal("env", "mg", "i32", true)
            .build());
    linker.instantiate(
        new Store(), Asm.module().importMemory("env", "mem", 2, Limits.NO_MAX).build());
    List<Asm> incompatible =
        List.of(
            Asm.module().importFunc("env", "f", "i64 -> "),
            Asm.module().importFunc("env", "f", "i32 -> i32"),
            Asm.module().importFunc("env", "mem", "i32 -> "),
            Asm.module().importMemory("env", "mem", 3, Limits.NO_MAX),
            Asm.module().importMemory("env", "mem", 1, 4),
            Asm.module().importMemory("env", "mem_nomax", 1, 100),
            Asm.module().importMemory("env", "f", 0, Limits.NO_MAX),
            Asm.module().importTable("env", "tab", "externref", 3, 10),
            Asm.module().importTable("env", "tab", "funcref", 4, 10),
            Asm.module().importTable("env", "tab", "funcref", 0, 5),
            Asm.module().importGlobal("env", "g", "i32", true),
            Asm.module().importGlobal("env", "mg", "i32", false),
            Asm.module().importGlobal("env", "g", "i64", false));
    for (Asm asm : incompatible) {
      LinkException e = linkError(linker, asm);
      assertThat(e).isNotNull();
      assertThat(e.reason()).isEqualTo("incompatible import type");
    }
  }

  @Test
  void importedMemoryMatchesOnItsCurrentSize() {
    Linker linker = new Linker();
    Memory mem = Memory.of(MemType.of(new Limits(1, 5)));
    linker.define("env", "mem", mem);
    assertThat(linkError(linker, Asm.module().importMemory("env", "mem", 3, 5))).isNotNull();
    mem.grow(2);
    linker.instantiate(new Store(), Asm.module().importMemory("env", "mem", 3, 5).build());
  }

  @Test
  void instancesShareNothingButWhatTheyExportAndImport() {
    Asm counter =
        Asm.module()
            .global("i32", true, "i32.const 0")
            .export("count", ExternKind.GLOBAL, 0)
            .func(
                "inc", " -> i32", "", "global.get 0 i32.const 1 i32.add global.set 0 global.get 0");
    Linker linker = new Linker();
    Instance a = linker.instantiate(new Store(), counter.build());
    Instance b = linker.instantiate(new Store(), counter.build());
    a.function("inc").call();
    a.function("inc").call();
    assertThat(a.function("inc").call()).containsExactly(Value.i32(3));
    assertThat(b.function("inc").call()).containsExactly(Value.i32(1));
    // An imported function runs in its own instance: it increments a's global.
    linker.define("a", a);
    Instance c =
        linker.instantiate(
            new Store(),
            Asm.module()
                .importFunc("a", "inc", " -> i32")
                .importGlobal("a", "count", "i32", true)
                .global("i32", true, "i32.const 100")
                .func("run", " -> i32", "", "call 0 drop global.get 0")
                .build());
    assertThat(c.function("run").call()).containsExactly(Value.i32(4));
    assertThat(a.global("count").get()).isEqualTo(Value.i32(4));
    assertThat(c.exports().keySet()).containsExactly("run");
  }

  @Test
  void exportsKeepModuleOrderAndIdentity() {
    Instance inst =
        new Linker()
            .instantiate(
                new Store(),
                Asm.module()
                    .memory(1, 1)
                    .func("z", " -> ", "", "")
                    .export("a", ExternKind.MEMORY, 0)
                    .export("m", ExternKind.FUNC, 0)
                    .global("f64", false, "f64.const 2.5")
                    .export("g", ExternKind.GLOBAL, 0)
                    .build());
    assertThat(inst.exports().keySet()).containsExactly("z", "a", "m", "g");
    assertThat(inst.function("z")).isSameAs(inst.function("m"));
    assertThat(inst.global("g").get()).isEqualTo(Value.f64(2.5));
    assertThatThrownBy(() -> inst.global("g").set(Value.f64(1)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(inst.function("a")).isNull();
    assertThat(inst.memory("a").pages()).isEqualTo(1);
  }

  @Test
  void globalInitializersReadImportedGlobalsAndFunctions() {
    Linker linker = new Linker();
    linker.define("env", "base", Global.of(new GlobalType(ValType.I32, false), Value.i32(40)));
    linker.define(
        "env",
        "fref",
        Global.of(new GlobalType(ValType.FUNCREF, false), Value.nullRef(ValType.FUNCREF)));
    Instance inst =
        linker.instantiate(
            new Store(),
            Asm.module()
                .importGlobal("env", "base", "i32", false)
                .importGlobal("env", "fref", "funcref", false)
                .global("i32", false, "global.get 0")
                .global("funcref", false, "ref.func 0")
                .global("funcref", false, "global.get 1")
                .table("funcref", 50, 50)
                .elemExprs(
                    "funcref",
                    SegmentMode.ACTIVE,
                    0,
                    "global.get 0",
                    "ref.func 0",
                    "global.get 1",
                    "ref.null func")
                .func("answer", " -> i32", "", "global.get 2 i32.const 2 i32.add")
                .func(
                    "viaGlobal",
                    " -> i32",
                    "",
                    "global.get 3 ref.is_null global.get 4 ref.is_null i32.add")
                .func("viaTable", " -> i32", "", "i32.const 40 call_indirect 0 0")
                .func("get", "i32 -> funcref", "", "local.get 0 table.get 0")
                .build());
    assertThat(inst.function("answer").call()).containsExactly(Value.i32(42));
    assertThat(inst.function("viaGlobal").call()).containsExactly(Value.i32(1));
    assertThat(inst.function("viaTable").call()).containsExactly(Value.i32(42));
    assertThat(inst.function("get").call(Value.i32(41))[0].ref()).isNull();
    assertThat(inst.function("get").call(Value.i32(42))[0].ref()).isNull();
    assertThat(inst.function("get").call(Value.i32(39))[0].ref()).isNull();
  }

  @Test
  void segmentsApplyInOrderAndEarlierEffectsPersistAfterAFailure() {
    Linker linker = new Linker();
    Memory mem = Memory.of(MemType.of(new Limits(1, 1)));
    Table table =
        Table.of(new TableType(ValType.FUNCREF, new Limits(2, 2)), Value.nullRef(ValType.FUNCREF));
    linker.define("env", "mem", mem);
    linker.define("env", "tab", table);
    Asm asm =
        Asm.module()
            .importMemory("env", "mem", 1, Limits.NO_MAX)
            .importTable("env", "tab", "funcref", 1, Limits.NO_MAX)
            .func("f", " -> ", "", "")
            .elem(SegmentMode.ACTIVE, 0, "i32.const 0", 0)
            .elem(SegmentMode.ACTIVE, 0, "i32.const 1", 0, 0)
            .data(SegmentMode.ACTIVE, "i32.const 10", new byte[] {1, 2})
            .start(0);
    InstantiationFailedException e =
        catchThrowableOfType(
            InstantiationFailedException.class, () -> linker.instantiate(new Store(), asm.build()));
    assertThat(e.trap().kind()).isEqualTo(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    assertThat(e.reason()).isEqualTo("out of bounds table access");
    assertThat(table.get(0).ref()).isNotNull(); // the first segment was applied
    assertThat(table.get(1).ref()).isNull(); // the second was checked before writing
    assertThat(mem.readByte(10)).isEqualTo((byte) 0); // data comes after elements

    Asm data =
        Asm.module()
            .importMemory("env", "mem", 1, Limits.NO_MAX)
            .data(SegmentMode.ACTIVE, "i32.const 10", new byte[] {1, 2})
            .data(SegmentMode.ACTIVE, "i32.const 65535", new byte[] {3, 4})
            .data(SegmentMode.ACTIVE, "i32.const 20", new byte[] {5});
    e =
        catchThrowableOfType(
            InstantiationFailedException.class,
            () -> linker.instantiate(new Store(), data.build()));
    assertThat(e.trap().kind()).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertThat(mem.readBytes(10, 2)).containsExactly(1, 2);
    assertThat(mem.readByte(65535)).isEqualTo((byte) 0);
    assertThat(mem.readByte(20)).isEqualTo((byte) 0);
  }

  @Test
  void startFunctionRunsLastAndItsTrapFailsInstantiation() {
    Linker linker = new Linker();
    Memory mem = Memory.of(MemType.of(new Limits(1, 1)));
    linker.define("env", "mem", mem);
    Asm asm =
        Asm.module()
            .importMemory("env", "mem", 1, 1)
            .func(
                "start",
                " -> ",
                "",
                "i32.const 0 i32.const 0 i32.load8_u i32.const 1 i32.add i32.store8")
            .data(SegmentMode.ACTIVE, "i32.const 0", new byte[] {41})
            .start(0);
    linker.instantiate(new Store(), asm.build());
    assertThat(mem.readByte(0)).isEqualTo((byte) 42);

    Asm trapping =
        Asm.module()
            .importMemory("env", "mem", 1, 1)
            .func(null, " -> ", "", "i32.const 1 i32.const 7 i32.store8 unreachable")
            .start(0);
    InstantiationFailedException e =
        catchThrowableOfType(
            InstantiationFailedException.class,
            () -> linker.instantiate(new Store(), trapping.build()));
    assertThat(e.trap().kind()).isEqualTo(TrapKind.UNREACHABLE);
    assertThat(e.trap().backtrace()).hasSize(1);
    assertThat(mem.readByte(1)).isEqualTo((byte) 7);
  }

  @Test
  void passiveSegmentsAreKeptAndDeclarativeOnesDropped() {
    Instance inst =
        new Linker()
            .instantiate(
                new Store(),
                Asm.module()
                    .table("funcref", 2, 2)
                    .func("f", " -> i32", "", "i32.const 7")
                    .elem(SegmentMode.PASSIVE, 0, null, 0)
                    .elem(SegmentMode.DECLARATIVE, 0, null, 0)
                    .elem(SegmentMode.ACTIVE, 0, "i32.const 0", 0)
                    .func(
                        "initPassive",
                        " -> ",
                        "",
                        "i32.const 1 i32.const 0 i32.const 1 table.init 0 0")
                    .func(
                        "initDeclarative",
                        " -> ",
                        "",
                        "i32.const 1 i32.const 0 i32.const 1 table.init 1 0")
                    .func(
                        "initActive",
                        " -> ",
                        "",
                        "i32.const 1 i32.const 0 i32.const 1 table.init 2 0")
                    .func(
                        "initEmpty",
                        " -> ",
                        "",
                        "i32.const 1 i32.const 0 i32.const 0 table.init 2 0")
                    .build());
    inst.function("initPassive").call();
    assertThatThrownBy(() -> inst.function("initDeclarative").call()).isInstanceOf(Trap.class);
    assertThatThrownBy(() -> inst.function("initActive").call()).isInstanceOf(Trap.class);
    inst.function("initEmpty").call();
  }
}

package dev.cortado.runtime;

import static dev.cortado.runtime.IntegerInstructionsTest.assertTrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.Limits;
import dev.cortado.wasm.SegmentMode;
import dev.cortado.wasm.TableType;
import dev.cortado.wasm.ValType;
import org.junit.jupiter.api.Test;

/** Tables, references, call_indirect and element segments. */
class TableInstructionsTest {
  /**
   * Functions 0-2 return 10, 20, 30; function 3 takes an i64. Table 0 (funcref, 10, max 20) holds
   * functions 0, 1, 3 at 2..4 from an active segment; table 1 is externref. Segment 1 is passive
   * (functions 2, 0), segment 2 declarative.
   */
  private static Instance instance() {
    Asm asm =
        Asm.module()
            .table("funcref", 10, 20)
            .table("externref", 2, Limits.NO_MAX)
            .export("funcs", ExternKind.TABLE, 0)
            .export("externs", ExternKind.TABLE, 1)
            .func("ten", " -> i32", "", "i32.const 10")
            .func("twenty", " -> i32", "", "i32.const 20")
            .func(null, " -> i32", "", "i32.const 30")
            .func(null, "i64 -> i32", "", "local.get 0 i32.wrap_i64")
            .func("callAt", "i32 -> i32", "", "local.get 0 call_indirect 0 0")
            .func("get", "i32 -> funcref", "", "local.get 0 table.get 0")
            .func("set", "i32 funcref -> ", "", "local.get 0 local.get 1 table.set 0")
            .func("size", " -> i32", "", "table.size 0")
            .func("grow", "funcref i32 -> i32", "", "local.get 0 local.get 1 table.grow 0")
            .func(
                "fill",
                "i32 funcref i32 -> ",
                "",
                "local.get 0 local.get 1 local.get 2 table.fill 0")
            .func(
                "copy", "i32 i32 i32 -> ", "", "local.get 0 local.get 1 local.get 2 table.copy 0 0")
            .func(
                "init", "i32 i32 i32 -> ", "", "local.get 0 local.get 1 local.get 2 table.init 1 0")
            .func("drop", " -> ", "", "elem.drop 1")
            .func("refFunc", " -> funcref", "", "ref.func 2")
            .func("isNull", "funcref -> i32", "", "local.get 0 ref.is_null")
            .func("nullExtern", " -> externref", "", "ref.null extern")
            .func("setExtern", "i32 externref -> ", "", "local.get 0 local.get 1 table.set 1")
            .func("getExtern", "i32 -> externref", "", "local.get 0 table.get 1")
            .func("growExtern", "externref i32 -> i32", "", "local.get 0 local.get 1 table.grow 1")
            .elem(SegmentMode.ACTIVE, 0, "i32.const 2", 0, 1, 3)
            .elem(SegmentMode.PASSIVE, 0, null, 2, 0)
            .elem(SegmentMode.DECLARATIVE, 0, null, 2);
    return new Linker().instantiate(new Store(), asm.build());
  }

  private static Value call(Instance inst, String name, Value... args) {
    Value[] r = inst.function(name).call(args);
    return r.length == 0 ? null : r[0];
  }

  @Test
  void callIndirectChecksBoundsNullAndType() {
    Instance inst = instance();
    assertThat(call(inst, "callAt", Value.i32(2))).isEqualTo(Value.i32(10));
    assertThat(call(inst, "callAt", Value.i32(3))).isEqualTo(Value.i32(20));
    assertTrap(() -> call(inst, "callAt", Value.i32(4)), TrapKind.INDIRECT_CALL_TYPE_MISMATCH);
    assertTrap(() -> call(inst, "callAt", Value.i32(0)), TrapKind.UNINITIALIZED_ELEMENT);
    assertTrap(() -> call(inst, "callAt", Value.i32(10)), TrapKind.UNDEFINED_ELEMENT);
    assertTrap(() -> call(inst, "callAt", Value.i32(-1)), TrapKind.UNDEFINED_ELEMENT);
    assertThatThrownBy(() -> call(inst, "callAt", Value.i32(-1)))
        .hasMessage("undefined element 4294967295");
  }

  @Test
  void callIndirectComparesTypesStructurally() {
    // A function of another module with an equal type (at a different index) is accepted.
    Instance other =
        new Linker()
            .instantiate(
                new Store(),
                Asm.module()
                    .func(null, "f32 -> ", "", "")
                    .func("f", " -> i32", "", "i32.const 77")
                    .build());
    Instance inst = instance();
    call(inst, "set", Value.i32(0), Value.funcref(other.function("f")));
    assertThat(call(inst, "callAt", Value.i32(0))).isEqualTo(Value.i32(77));
  }

  @Test
  void getSetSizeGrowFill() {
    Instance inst = instance();
    assertThat(call(inst, "get", Value.i32(2)).ref()).isSameAs(inst.function("ten"));
    assertThat(call(inst, "get", Value.i32(0))).isEqualTo(Value.nullRef(ValType.FUNCREF));
    assertTrap(() -> call(inst, "get", Value.i32(10)), TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    call(inst, "set", Value.i32(9), Value.funcref(inst.function("twenty")));
    assertThat(call(inst, "callAt", Value.i32(9))).isEqualTo(Value.i32(20));
    assertTrap(
        () -> call(inst, "set", Value.i32(10), Value.nullRef(ValType.FUNCREF)),
        TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    assertThat(call(inst, "size")).isEqualTo(Value.i32(10));
    assertThat(call(inst, "grow", Value.funcref(inst.function("ten")), Value.i32(5)))
        .isEqualTo(Value.i32(10));
    assertThat(call(inst, "callAt", Value.i32(14))).isEqualTo(Value.i32(10));
    assertThat(call(inst, "grow", Value.nullRef(ValType.FUNCREF), Value.i32(6)))
        .isEqualTo(Value.i32(-1));
    assertThat(call(inst, "grow", Value.nullRef(ValType.FUNCREF), Value.i32(5)))
        .isEqualTo(Value.i32(15));
    assertThat(call(inst, "size")).isEqualTo(Value.i32(20));
    call(inst, "fill", Value.i32(18), Value.funcref(inst.function("twenty")), Value.i32(2));
    assertThat(call(inst, "callAt", Value.i32(19))).isEqualTo(Value.i32(20));
    call(inst, "fill", Value.i32(20), Value.nullRef(ValType.FUNCREF), Value.i32(0));
    assertTrap(
        () -> call(inst, "fill", Value.i32(19), Value.nullRef(ValType.FUNCREF), Value.i32(2)),
        TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    // The failed fill wrote nothing.
    assertThat(call(inst, "callAt", Value.i32(19))).isEqualTo(Value.i32(20));
    assertThat(inst.table("funcs").type())
        .isEqualTo(new TableType(ValType.FUNCREF, new Limits(20, 20)));
  }

  @Test
  void copyInitAndDrop() {
    Instance inst = instance();
    call(inst, "copy", Value.i32(3), Value.i32(2), Value.i32(3)); // overlapping, backwards
    assertThat(call(inst, "callAt", Value.i32(3))).isEqualTo(Value.i32(10));
    assertThat(call(inst, "callAt", Value.i32(4))).isEqualTo(Value.i32(20));
    call(inst, "copy", Value.i32(0), Value.i32(3), Value.i32(2)); // forwards
    assertThat(call(inst, "callAt", Value.i32(0))).isEqualTo(Value.i32(10));
    assertThat(call(inst, "callAt", Value.i32(1))).isEqualTo(Value.i32(20));
    assertTrap(
        () -> call(inst, "copy", Value.i32(9), Value.i32(0), Value.i32(2)),
        TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    assertTrap(
        () -> call(inst, "copy", Value.i32(0), Value.i32(9), Value.i32(2)),
        TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    call(inst, "copy", Value.i32(10), Value.i32(10), Value.i32(0));
    call(inst, "init", Value.i32(7), Value.i32(0), Value.i32(2));
    assertThat(call(inst, "callAt", Value.i32(7))).isEqualTo(Value.i32(30));
    assertThat(call(inst, "callAt", Value.i32(8))).isEqualTo(Value.i32(10));
    assertTrap(
        () -> call(inst, "init", Value.i32(9), Value.i32(0), Value.i32(2)),
        TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    assertTrap(
        () -> call(inst, "init", Value.i32(0), Value.i32(1), Value.i32(2)),
        TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    call(inst, "init", Value.i32(10), Value.i32(2), Value.i32(0));
    call(inst, "drop");
    call(inst, "init", Value.i32(0), Value.i32(0), Value.i32(0));
    assertTrap(
        () -> call(inst, "init", Value.i32(0), Value.i32(0), Value.i32(1)),
        TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
  }

  @Test
  void referencesAndExternrefTables() {
    Instance inst = instance();
    Value f = call(inst, "refFunc");
    assertThat(f.type()).isEqualTo(ValType.FUNCREF);
    assertThat(f.asFuncref().call()).containsExactly(Value.i32(30));
    assertThat(call(inst, "isNull", f)).isEqualTo(Value.i32(0));
    assertThat(call(inst, "isNull", Value.nullRef(ValType.FUNCREF))).isEqualTo(Value.i32(1));
    assertThat(call(inst, "nullExtern")).isEqualTo(Value.nullRef(ValType.EXTERNREF));
    StringBuilder host = new StringBuilder("host object");
    call(inst, "setExtern", Value.i32(1), Value.externref(host));
    assertThat(call(inst, "getExtern", Value.i32(1)).ref()).isSameAs(host);
    assertThat(inst.table("externs").get(1).ref()).isSameAs(host);
    assertThat(call(inst, "growExtern", Value.externref(42), Value.i32(3))).isEqualTo(Value.i32(2));
    assertThat(call(inst, "getExtern", Value.i32(4)).ref()).isEqualTo(42);
    Table externs = inst.table("externs");
    assertThat(externs.size()).isEqualTo(5);
    externs.set(0, Value.externref("x"));
    assertThat(call(inst, "getExtern", Value.i32(0)).ref()).isEqualTo("x");
    assertThat(externs.grow(1, Value.nullRef(ValType.EXTERNREF))).isEqualTo(5);
    assertTrap(() -> externs.get(6), TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
  }

  @Test
  void hostTables() {
    Table t =
        Table.of(new TableType(ValType.FUNCREF, new Limits(2, 3)), Value.nullRef(ValType.FUNCREF));
    assertThat(t.size()).isEqualTo(2);
    assertThat(t.grow(1, Value.nullRef(ValType.FUNCREF))).isEqualTo(2);
    assertThat(t.grow(1, Value.nullRef(ValType.FUNCREF))).isEqualTo(-1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.set(0, Value.externref("no")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

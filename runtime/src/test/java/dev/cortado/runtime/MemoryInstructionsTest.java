package dev.cortado.runtime;

import static dev.cortado.runtime.IntegerInstructionsTest.assertTrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cortado.wasm.Limits;
import dev.cortado.wasm.MemType;
import dev.cortado.wasm.SegmentMode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Loads, stores, bounds, growth and the bulk memory instructions. */
class MemoryInstructionsTest {
  private static Instance instance(long min, long max) {
    Asm asm = Asm.module().memory(min, max).export("memory", dev.cortado.wasm.ExternKind.MEMORY, 0);
    for (String load :
        new String[] {"i32.load", "i32.load8_s", "i32.load8_u", "i32.load16_s", "i32.load16_u"}) {
      asm.func(load, "i32 -> i32", "", "local.get 0 " + load);
      asm.func(load + "_off", "i32 -> i32", "", "local.get 0 " + load + " offset=0xFFFFFFFF");
    }
    for (String load :
        new String[] {
          "i64.load",
          "i64.load8_s",
          "i64.load8_u",
          "i64.load16_s",
          "i64.load16_u",
          "i64.load32_s",
          "i64.load32_u"
        }) {
      asm.func(load, "i32 -> i64", "", "local.get 0 " + load);
    }
    for (String store : new String[] {"i32.store", "i32.store8", "i32.store16"}) {
      asm.func(store, "i32 i32 -> ", "", "local.get 0 local.get 1 " + store);
    }
    for (String store : new String[] {"i64.store", "i64.store8", "i64.store16", "i64.store32"}) {
      asm.func(store, "i32 i64 -> ", "", "local.get 0 local.get 1 " + store);
    }
    asm.func("f32.load", "i32 -> f32", "", "local.get 0 f32.load offset=2");
    asm.func("f64.store", "i32 f64 -> ", "", "local.get 0 local.get 1 f64.store offset=2");
    asm.func("size", " -> i32", "", "memory.size");
    asm.func("grow", "i32 -> i32", "", "local.get 0 memory.grow");
    asm.func("fill", "i32 i32 i32 -> ", "", "local.get 0 local.get 1 local.get 2 memory.fill");
    asm.func("copy", "i32 i32 i32 -> ", "", "local.get 0 local.get 1 local.get 2 memory.copy");
    asm.func("init", "i32 i32 i32 -> ", "", "local.get 0 local.get 1 local.get 2 memory.init 0");
    asm.func("drop", " -> ", "", "data.drop 0");
    asm.data(SegmentMode.PASSIVE, null, "hello".getBytes(StandardCharsets.UTF_8));
    return new Linker().instantiate(new Store(), asm.build());
  }

  private static Value call(Instance inst, String name, Value... args) {
    Value[] r = inst.function(name).call(args);
    return r.length == 0 ? null : r[0];
  }

  @Test
  void loadsExtendAsTheyShould() {
    Instance inst = instance(1, 1);
    Memory mem = inst.memory("memory");
    mem.writeLong(8, 0x8899AABBCCDDEEFFL);
    assertThat(call(inst, "i32.load", Value.i32(8))).isEqualTo(Value.i32(0xCCDDEEFF));
    assertThat(call(inst, "i32.load8_s", Value.i32(8))).isEqualTo(Value.i32(0xFFFFFFFF));
    assertThat(call(inst, "i32.load8_u", Value.i32(8))).isEqualTo(Value.i32(0xFF));
    assertThat(call(inst, "i32.load16_s", Value.i32(9))).isEqualTo(Value.i32(0xFFFFDDEE));
    assertThat(call(inst, "i32.load16_u", Value.i32(9))).isEqualTo(Value.i32(0xDDEE));
    assertThat(call(inst, "i64.load", Value.i32(8))).isEqualTo(Value.i64(0x8899AABBCCDDEEFFL));
    assertThat(call(inst, "i64.load8_s", Value.i32(15))).isEqualTo(Value.i64(0xFFFFFFFFFFFFFF88L));
    assertThat(call(inst, "i64.load8_u", Value.i32(15))).isEqualTo(Value.i64(0x88));
    assertThat(call(inst, "i64.load16_s", Value.i32(14))).isEqualTo(Value.i64(0xFFFFFFFFFFFF8899L));
    assertThat(call(inst, "i64.load16_u", Value.i32(14))).isEqualTo(Value.i64(0x8899));
    assertThat(call(inst, "i64.load32_s", Value.i32(12))).isEqualTo(Value.i64(0xFFFFFFFF8899AABBL));
    assertThat(call(inst, "i64.load32_u", Value.i32(12))).isEqualTo(Value.i64(0x8899AABBL));
    // Unaligned and little-endian.
    assertThat(call(inst, "i32.load", Value.i32(9))).isEqualTo(Value.i32(0xBBCCDDEE));
    mem.writeFloat(7, 1.5f);
    assertThat(call(inst, "f32.load", Value.i32(5))).isEqualTo(Value.f32(1.5f));
  }

  @Test
  void storesWriteOnlyTheirWidth() {
    Instance inst = instance(1, 1);
    Memory mem = inst.memory("memory");
    call(inst, "i64.store", Value.i32(0), Value.i64(-1));
    call(inst, "i32.store8", Value.i32(0), Value.i32(0x1234));
    call(inst, "i32.store16", Value.i32(2), Value.i32(0x56789ABC));
    call(inst, "i64.store32", Value.i32(4), Value.i64(0x1122334455667788L));
    assertThat(mem.readLong(0)).isEqualTo(0x556677889ABCFF34L);
    call(inst, "i64.store8", Value.i32(16), Value.i64(0x1FF));
    call(inst, "i64.store16", Value.i32(17), Value.i64(0x12345));
    call(inst, "i32.store", Value.i32(19), Value.i32(0xAABBCCDD));
    assertThat(mem.readBytes(16, 7)).containsExactly(0xFF, 0x45, 0x23, 0xDD, 0xCC, 0xBB, 0xAA);
    call(inst, "f64.store", Value.i32(30), Value.f64(-2.25));
    assertThat(mem.readDouble(32)).isEqualTo(-2.25);
  }

  @Test
  void accessesStraddlingTheEndTrap() {
    Instance inst = instance(1, 1);
    assertThat(call(inst, "i32.load", Value.i32(65532))).isEqualTo(Value.i32(0));
    assertTrap(
        () -> call(inst, "i32.load", Value.i32(65533)), TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertTrap(
        () -> call(inst, "i64.load", Value.i32(65529)), TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertThat(call(inst, "i64.load", Value.i32(65528))).isEqualTo(Value.i64(0));
    assertThat(call(inst, "i32.load8_u", Value.i32(65535))).isEqualTo(Value.i32(0));
    assertTrap(
        () -> call(inst, "i32.load16_u", Value.i32(65535)), TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertTrap(
        () -> call(inst, "i32.load8_u", Value.i32(-1)), TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertTrap(
        () -> call(inst, "i32.store", Value.i32(65534), Value.i32(1)),
        TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertTrap(
        () -> call(inst, "i64.store32", Value.i32(65533), Value.i64(1)),
        TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    // The effective address is computed in 64 bits: base + offset does not wrap around.
    assertTrap(
        () -> call(inst, "i32.load8_u_off", Value.i32(1)), TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertTrap(
        () -> call(inst, "i32.load_off", Value.i32(-1)), TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    // A failed store writes nothing.
    assertThat(inst.memory("memory").readInt(65532)).isEqualTo(0);
  }

  @Test
  void growsWithinTheMaximumAndZeroes() {
    Instance inst = instance(1, 3);
    assertThat(call(inst, "size")).isEqualTo(Value.i32(1));
    assertThat(call(inst, "grow", Value.i32(1))).isEqualTo(Value.i32(1));
    assertThat(call(inst, "i32.load", Value.i32(131068))).isEqualTo(Value.i32(0));
    call(inst, "i32.store", Value.i32(131068), Value.i32(42));
    assertThat(call(inst, "grow", Value.i32(2))).isEqualTo(Value.i32(-1));
    assertThat(call(inst, "grow", Value.i32(0))).isEqualTo(Value.i32(2));
    assertThat(call(inst, "grow", Value.i32(1))).isEqualTo(Value.i32(2));
    assertThat(call(inst, "i32.load", Value.i32(131068))).isEqualTo(Value.i32(42));
    assertThat(call(inst, "i32.load", Value.i32(196604))).isEqualTo(Value.i32(0));
    assertThat(call(inst, "size")).isEqualTo(Value.i32(3));
    assertThat(call(inst, "grow", Value.i32(-1))).isEqualTo(Value.i32(-1));
    assertThat(inst.memory("memory").type().limits()).isEqualTo(new Limits(3, 3));
  }

  @Test
  void growsPageByPageKeepingContents() {
    Instance inst = instance(0, Limits.NO_MAX);
    for (int i = 0; i < 200; i++) {
      assertThat(call(inst, "grow", Value.i32(1))).isEqualTo(Value.i32(i));
      call(inst, "i32.store", Value.i32(i * 65536 + 100), Value.i32(i));
    }
    for (int i = 0; i < 200; i++) {
      assertThat(call(inst, "i32.load", Value.i32(i * 65536 + 100))).isEqualTo(Value.i32(i));
      assertThat(call(inst, "i32.load", Value.i32(i * 65536 + 200))).isEqualTo(Value.i32(0));
    }
    assertTrap(
        () -> call(inst, "i32.load", Value.i32(200 * 65536)), TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
  }

  @Test
  void growsToHundredsOfMebibytes() {
    Instance inst = instance(0, 65536);
    assertThat(call(inst, "grow", Value.i32(4096))).isEqualTo(Value.i32(0));
    call(inst, "i32.store", Value.i32((1 << 28) - 4), Value.i32(7));
    assertThat(call(inst, "i32.load", Value.i32((1 << 28) - 4))).isEqualTo(Value.i32(7));
    assertThat(call(inst, "grow", Value.i32(0x10000))).isEqualTo(Value.i32(-1));
    assertThat(call(inst, "size")).isEqualTo(Value.i32(4096));
    // Addresses of 2^31 and more are unsigned, not negative.
    assertTrap(
        () -> call(inst, "i32.load", Value.i32(0x80000000)), TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
  }

  /**
   * The largest memory there is here, a page short of 2 GiB (a Java array's limit, see
   * MemoryInstance): takes seconds and 2 GiB of RAM, so it runs only with {@code
   * -Dcortado.largeMemoryTests=true}.
   */
  @Test
  @EnabledIfSystemProperty(named = "cortado.largeMemoryTests", matches = "true")
  void growsToTheLargestMemory() {
    Instance inst = instance(1, Limits.NO_MAX);
    assertThat(call(inst, "grow", Value.i32(32766))).isEqualTo(Value.i32(1));
    assertThat(call(inst, "grow", Value.i32(1))).isEqualTo(Value.i32(-1));
    int last = 32767 * 65536 - 4;
    call(inst, "i32.store", Value.i32(last), Value.i32(0x12345678));
    assertThat(call(inst, "i32.load", Value.i32(last))).isEqualTo(Value.i32(0x12345678));
    assertTrap(
        () -> call(inst, "i32.load", Value.i32(last + 1)), TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertTrap(
        () -> call(inst, "i32.load", Value.i32(0x80000000)), TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertThat(inst.memory("memory").byteSize()).isEqualTo(32767L * 65536);
  }

  /** A memory larger than the largest there is here cannot be created: a clear error. */
  @Test
  void aMemoryOverTwoGibibytesIsRefused() {
    assertThatThrownBy(() -> instance(32768, Limits.NO_MAX)).hasMessageContaining("32768 pages");
  }

  @Test
  void fillCopyAndInit() {
    Instance inst = instance(1, 1);
    Memory mem = inst.memory("memory");
    call(inst, "fill", Value.i32(10), Value.i32(0x1AB), Value.i32(4));
    assertThat(mem.readBytes(9, 6)).containsExactly(0, 0xAB, 0xAB, 0xAB, 0xAB, 0);
    call(inst, "init", Value.i32(100), Value.i32(1), Value.i32(4));
    assertThat(mem.readString(100, 4)).isEqualTo("ello");
    // Overlapping copies in both directions behave like memmove.
    call(inst, "copy", Value.i32(101), Value.i32(100), Value.i32(4));
    assertThat(mem.readString(100, 5)).isEqualTo("eello");
    call(inst, "copy", Value.i32(100), Value.i32(101), Value.i32(4));
    assertThat(mem.readString(100, 5)).isEqualTo("elloo");
    // Zero lengths at the very end are fine; one past it traps, and nothing is written.
    call(inst, "fill", Value.i32(65536), Value.i32(1), Value.i32(0));
    call(inst, "copy", Value.i32(65536), Value.i32(0), Value.i32(0));
    call(inst, "init", Value.i32(65536), Value.i32(5), Value.i32(0));
    assertTrap(
        () -> call(inst, "fill", Value.i32(65537), Value.i32(1), Value.i32(0)),
        TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertTrap(
        () -> call(inst, "fill", Value.i32(65530), Value.i32(1), Value.i32(7)),
        TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertThat(mem.readByte(65530)).isEqualTo((byte) 0);
    assertTrap(
        () -> call(inst, "copy", Value.i32(0), Value.i32(65535), Value.i32(2)),
        TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertTrap(
        () -> call(inst, "copy", Value.i32(65535), Value.i32(0), Value.i32(2)),
        TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertTrap(
        () -> call(inst, "init", Value.i32(0), Value.i32(2), Value.i32(4)),
        TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertTrap(
        () -> call(inst, "init", Value.i32(0), Value.i32(6), Value.i32(0)),
        TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertTrap(
        () -> call(inst, "copy", Value.i32(-1), Value.i32(0), Value.i32(-1)),
        TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    // A dropped segment has length 0.
    call(inst, "drop");
    call(inst, "drop");
    call(inst, "init", Value.i32(0), Value.i32(0), Value.i32(0));
    assertTrap(
        () -> call(inst, "init", Value.i32(0), Value.i32(0), Value.i32(1)),
        TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
  }

  @Test
  void hostApiOnMemory() {
    Memory mem = Memory.of(MemType.of(new Limits(1, 2)));
    assertThat(mem.pages()).isEqualTo(1);
    assertThat(mem.byteSize()).isEqualTo(65536);
    mem.writeString(10, "héllo");
    assertThat(mem.readString(10, 6)).isEqualTo("héllo");
    assertThat(mem.grow(1)).isEqualTo(1);
    assertThat(mem.grow(1)).isEqualTo(-1);
    assertThat(mem.readInt(131068)).isZero();
    assertTrap(() -> mem.readInt(131069), TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertTrap(() -> mem.writeByte(-1, (byte) 0), TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertTrap(() -> mem.write(131070, new byte[3]), TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
  }
}

package dev.cortado.runtime;

import static dev.cortado.runtime.IntegerInstructionsTest.assertTrap;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Float instructions, checked on raw bits: NaN payloads that must survive (abs, neg, copysign,
 * reinterpret, locals, globals, memory, select, arguments and results), NaN results that must be
 * quiet, signed zeros, rounding, and the conversions' traps.
 */
class FloatInstructionsTest {
  private static final int SNAN32 = 0x7FA0_0000; // signalling NaN with a payload
  private static final int NEG_SNAN32 = 0xFFA0_0001;
  private static final long SNAN64 = 0x7FF4_0000_0000_0001L;
  private static final int QUIET32 = 0x0040_0000;
  private static final long QUIET64 = 0x0008_0000_0000_0000L;

  private static final Instance OPS = build();

  private static Instance build() {
    Asm asm =
        Asm.module()
            .memory(1, 1)
            .global("f32", true, "f32.const 0")
            .global("f64", true, "f64.const 0");
    for (String t : new String[] {"f32", "f64"}) {
      for (String op : new String[] {"add", "sub", "mul", "div", "min", "max", "copysign"}) {
        asm.func(
            t + "." + op, t + " " + t + " -> " + t, "", "local.get 0 local.get 1 " + t + "." + op);
      }
      for (String op : new String[] {"eq", "ne", "lt", "gt", "le", "ge"}) {
        asm.func(
            t + "." + op, t + " " + t + " -> i32", "", "local.get 0 local.get 1 " + t + "." + op);
      }
      for (String op : new String[] {"abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt"}) {
        asm.func(t + "." + op, t + " -> " + t, "", "local.get 0 " + t + "." + op);
      }
      // Moves that must not touch the bits.
      asm.func(t + ".local", t + " -> " + t, t, "local.get 0 local.set 1 local.get 1");
      asm.func(
          t + ".global",
          t + " -> " + t,
          "",
          "local.get 0 global.set "
              + (t.equals("f32") ? 0 : 1)
              + " global.get "
              + (t.equals("f32") ? 0 : 1));
      asm.func(
          t + ".memory",
          t + " -> " + t,
          "",
          "i32.const 3 local.get 0 " + t + ".store offset=1 i32.const 4 " + t + ".load");
      asm.func(
          t + ".select",
          t + " " + t + " i32 -> " + t,
          "",
          "local.get 0 local.get 1 local.get 2 select");
      asm.func(t + ".block", t + " -> " + t, "", "block " + t + " local.get 0 br 0 end");
      asm.func(t + ".call", t + " -> " + t, "", "local.get 0 call 0".replace("call 0", "return"));
    }
    asm.func("i32.reinterpret_f32", "f32 -> i32", "", "local.get 0 i32.reinterpret_f32");
    asm.func("f32.reinterpret_i32", "i32 -> f32", "", "local.get 0 f32.reinterpret_i32");
    asm.func("i64.reinterpret_f64", "f64 -> i64", "", "local.get 0 i64.reinterpret_f64");
    asm.func("f64.reinterpret_i64", "i64 -> f64", "", "local.get 0 f64.reinterpret_i64");
    asm.func("f32.const_snan", " -> f32", "", "f32.const bits=0x7fa00000");
    asm.func("f64.const_snan", " -> f64", "", "f64.const bits=0x7ff4000000000001");
    asm.func("f32.demote_f64", "f64 -> f32", "", "local.get 0 f32.demote_f64");
    asm.func("f64.promote_f32", "f32 -> f64", "", "local.get 0 f64.promote_f32");
    for (String to : new String[] {"i32", "i64"}) {
      for (String from : new String[] {"f32", "f64"}) {
        for (String sign : new String[] {"s", "u"}) {
          String trunc = to + ".trunc_" + from + "_" + sign;
          asm.func(trunc, from + " -> " + to, "", "local.get 0 " + trunc);
          String sat = to + ".trunc_sat_" + from + "_" + sign;
          asm.func(sat, from + " -> " + to, "", "local.get 0 " + sat);
          String convert = from + ".convert_" + to + "_" + sign;
          asm.func(convert, to + " -> " + from, "", "local.get 0 " + convert);
        }
      }
    }
    return new Linker().instantiate(new Store(), asm.build());
  }

  private static int f32(String op, int... bits) {
    Value[] args = new Value[bits.length];
    for (int i = 0; i < bits.length; i++) {
      args[i] = Value.f32Bits(bits[i]);
    }
    return (int) OPS.function(op).call(args)[0].bits();
  }

  private static long f64(String op, long... bits) {
    Value[] args = new Value[bits.length];
    for (int i = 0; i < bits.length; i++) {
      args[i] = Value.f64Bits(bits[i]);
    }
    return OPS.function(op).call(args)[0].bits();
  }

  private static int demote(long bits) {
    return (int) OPS.function("f32.demote_f64").call(Value.f64Bits(bits))[0].bits();
  }

  private static long promote(int bits) {
    return OPS.function("f64.promote_f32").call(Value.f32Bits(bits))[0].bits();
  }

  private static int fb(float f) {
    return Float.floatToRawIntBits(f);
  }

  private static long db(double d) {
    return Double.doubleToRawLongBits(d);
  }

  private static boolean isQuietNaN32(int bits) {
    return (bits & 0x7F80_0000) == 0x7F80_0000 && (bits & QUIET32) != 0;
  }

  private static boolean isQuietNaN64(long bits) {
    return (bits & 0x7FF0_0000_0000_0000L) == 0x7FF0_0000_0000_0000L && (bits & QUIET64) != 0;
  }

  @Test
  void bitPreservingOperationsKeepSignallingNaNs() {
    assertThat(f32("f32.abs", NEG_SNAN32)).isEqualTo(0x7FA0_0001);
    assertThat(f32("f32.neg", SNAN32)).isEqualTo(0xFFA0_0000);
    assertThat(f32("f32.copysign", SNAN32, fb(-1f))).isEqualTo(0xFFA0_0000);
    assertThat(f64("f64.abs", SNAN64 | Long.MIN_VALUE)).isEqualTo(SNAN64);
    assertThat(f64("f64.neg", SNAN64)).isEqualTo(SNAN64 | Long.MIN_VALUE);
    assertThat(f64("f64.copysign", SNAN64, db(-0.0))).isEqualTo(SNAN64 | Long.MIN_VALUE);
    for (String move : new String[] {".local", ".global", ".memory", ".block", ".call"}) {
      assertThat(f32("f32" + move, SNAN32)).as(move).isEqualTo(SNAN32);
      assertThat(f64("f64" + move, SNAN64)).as(move).isEqualTo(SNAN64);
    }
    assertThat(
            OPS.function("f32.select")
                .call(Value.f32Bits(SNAN32), Value.f32Bits(0), Value.i32(1))[0]
                .bits())
        .isEqualTo(SNAN32);
    assertThat(
            OPS.function("f64.select")
                .call(Value.f64Bits(0), Value.f64Bits(SNAN64), Value.i32(0))[0]
                .bits())
        .isEqualTo(SNAN64);
    assertThat(OPS.function("i32.reinterpret_f32").call(Value.f32Bits(SNAN32))[0])
        .isEqualTo(Value.i32(SNAN32));
    assertThat(OPS.function("f32.reinterpret_i32").call(Value.i32(SNAN32))[0])
        .isEqualTo(Value.f32Bits(SNAN32));
    assertThat(OPS.function("i64.reinterpret_f64").call(Value.f64Bits(SNAN64))[0])
        .isEqualTo(Value.i64(SNAN64));
    assertThat(OPS.function("f64.reinterpret_i64").call(Value.i64(SNAN64))[0])
        .isEqualTo(Value.f64Bits(SNAN64));
    assertThat(OPS.function("f32.const_snan").call()[0]).isEqualTo(Value.f32Bits(SNAN32));
    assertThat(OPS.function("f64.const_snan").call()[0]).isEqualTo(Value.f64Bits(SNAN64));
  }

  @Test
  void arithmeticOnNaNGivesQuietNaN() {
    for (String op : new String[] {"add", "sub", "mul", "div", "min", "max"}) {
      assertThat(isQuietNaN32(f32("f32." + op, SNAN32, fb(1f)))).as(op).isTrue();
      assertThat(isQuietNaN32(f32("f32." + op, fb(1f), SNAN32))).as(op).isTrue();
      assertThat(isQuietNaN64(f64("f64." + op, SNAN64, db(1)))).as(op).isTrue();
      assertThat(isQuietNaN64(f64("f64." + op, db(1), SNAN64))).as(op).isTrue();
    }
    for (String op : new String[] {"ceil", "floor", "trunc", "nearest", "sqrt"}) {
      assertThat(isQuietNaN32(f32("f32." + op, SNAN32))).as(op).isTrue();
      assertThat(isQuietNaN64(f64("f64." + op, SNAN64))).as(op).isTrue();
    }
    assertThat(isQuietNaN32(f32("f32.sqrt", fb(-1f)))).isTrue();
    assertThat(isQuietNaN32(demote(SNAN64))).isTrue();
    assertThat(isQuietNaN64(promote(SNAN32))).isTrue();
    assertThat(demote(SNAN64 | Long.MIN_VALUE) & 0x8000_0000).isNotZero();
    // The canonical NaN stays canonical through conversions.
    assertThat(demote(0x7FF8_0000_0000_0000L)).isEqualTo(0x7FC0_0000);
    assertThat(promote(0x7FC0_0000)).isEqualTo(0x7FF8_0000_0000_0000L);
  }

  @Test
  void minAndMaxOrderSignedZeros() {
    assertThat(f32("f32.min", fb(0f), fb(-0f))).isEqualTo(fb(-0f));
    assertThat(f32("f32.min", fb(-0f), fb(0f))).isEqualTo(fb(-0f));
    assertThat(f32("f32.max", fb(-0f), fb(0f))).isEqualTo(fb(0f));
    assertThat(f32("f32.max", fb(0f), fb(-0f))).isEqualTo(fb(0f));
    assertThat(f64("f64.min", db(0.0), db(-0.0))).isEqualTo(db(-0.0));
    assertThat(f64("f64.max", db(-0.0), db(0.0))).isEqualTo(db(0.0));
    assertThat(f32("f32.min", fb(Float.NEGATIVE_INFINITY), fb(3f)))
        .isEqualTo(fb(Float.NEGATIVE_INFINITY));
    assertThat(f64("f64.max", db(2.5), db(-7))).isEqualTo(db(2.5));
  }

  @Test
  void roundingInstructions() {
    float[] inputs = {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, -0.4f, 0.4f, 8388609f, -0f, 1e30f};
    for (float x : inputs) {
      assertThat(f32("f32.nearest", fb(x))).as("nearest %s", x).isEqualTo(fb((float) Math.rint(x)));
      assertThat(f32("f32.ceil", fb(x))).as("ceil %s", x).isEqualTo(fb((float) Math.ceil(x)));
      assertThat(f32("f32.floor", fb(x))).as("floor %s", x).isEqualTo(fb((float) Math.floor(x)));
    }
    assertThat(f32("f32.nearest", fb(2.5f))).isEqualTo(fb(2f));
    assertThat(f32("f32.nearest", fb(-0.5f))).isEqualTo(fb(-0f));
    assertThat(f32("f32.trunc", fb(-0.5f))).isEqualTo(fb(-0f));
    assertThat(f32("f32.trunc", fb(-1.7f))).isEqualTo(fb(-1f));
    assertThat(f64("f64.trunc", db(-0.5))).isEqualTo(db(-0.0));
    assertThat(f64("f64.nearest", db(4.5))).isEqualTo(db(4.0));
    assertThat(f64("f64.nearest", db(-3.5))).isEqualTo(db(-4.0));
    assertThat(f64("f64.ceil", db(-0.5))).isEqualTo(db(-0.0));
    assertThat(f64("f64.floor", db(0.5))).isEqualTo(db(0.0));
    assertThat(f64("f64.sqrt", db(2))).isEqualTo(db(Math.sqrt(2)));
    assertThat(f32("f32.sqrt", fb(2f))).isEqualTo(fb((float) Math.sqrt(2)));
  }

  @Test
  void arithmeticAndComparisons() {
    assertThat(f32("f32.add", fb(0.1f), fb(0.2f))).isEqualTo(fb(0.1f + 0.2f));
    assertThat(f32("f32.div", fb(1f), fb(3f))).isEqualTo(fb(1f / 3f));
    assertThat(f64("f64.sub", db(0.3), db(0.1))).isEqualTo(db(0.3 - 0.1));
    assertThat(f64("f64.mul", db(1e308), db(10))).isEqualTo(db(Double.POSITIVE_INFINITY));
    assertThat(f32("f32.eq", fb(0f), fb(-0f))).isEqualTo(1);
    assertThat(f32("f32.ne", SNAN32, SNAN32)).isEqualTo(1);
    assertThat(f32("f32.lt", fb(1f), fb(2f))).isEqualTo(1);
    assertThat(f32("f32.ge", 0x7FC0_0000, fb(2f))).isEqualTo(0);
    assertThat(OPS.function("f64.le").call(Value.f64(1), Value.f64(1))[0]).isEqualTo(Value.i32(1));
    assertThat(OPS.function("f64.gt").call(Value.f64(Double.NaN), Value.f64(1))[0])
        .isEqualTo(Value.i32(0));
    assertThat(OPS.function("f64.eq").call(Value.f64(Double.NaN), Value.f64(Double.NaN))[0])
        .isEqualTo(Value.i32(0));
  }

  private static Value call(String op, Value arg) {
    return OPS.function(op).call(arg)[0];
  }

  @Test
  void truncationTrapsAndLimits() {
    assertTrap(
        () -> call("i32.trunc_f32_s", Value.f32(Float.NaN)),
        TrapKind.INVALID_CONVERSION_TO_INTEGER);
    assertTrap(
        () -> call("i64.trunc_f64_u", Value.f64Bits(SNAN64)),
        TrapKind.INVALID_CONVERSION_TO_INTEGER);
    assertTrap(() -> call("i32.trunc_f32_s", Value.f32(2147483648f)), TrapKind.INTEGER_OVERFLOW);
    assertThat(call("i32.trunc_f32_s", Value.f32(-2147483648f)))
        .isEqualTo(Value.i32(Integer.MIN_VALUE));
    assertTrap(() -> call("i32.trunc_f32_s", Value.f32(-2147483904f)), TrapKind.INTEGER_OVERFLOW);
    assertThat(call("i32.trunc_f64_s", Value.f64(-2147483648.9)))
        .isEqualTo(Value.i32(Integer.MIN_VALUE));
    assertTrap(() -> call("i32.trunc_f64_s", Value.f64(-2147483649.0)), TrapKind.INTEGER_OVERFLOW);
    assertThat(call("i32.trunc_f64_s", Value.f64(2147483647.9)))
        .isEqualTo(Value.i32(Integer.MAX_VALUE));
    assertThat(call("i32.trunc_f64_u", Value.f64(-0.9))).isEqualTo(Value.i32(0));
    assertTrap(() -> call("i32.trunc_f64_u", Value.f64(-1.0)), TrapKind.INTEGER_OVERFLOW);
    assertThat(call("i32.trunc_f64_u", Value.f64(4294967295.9))).isEqualTo(Value.i32(-1));
    assertTrap(() -> call("i32.trunc_f64_u", Value.f64(4294967296.0)), TrapKind.INTEGER_OVERFLOW);
    assertThat(call("i32.trunc_f32_u", Value.f32(4294967040f))).isEqualTo(Value.i32(-256));
    assertTrap(() -> call("i32.trunc_f32_u", Value.f32(4294967296f)), TrapKind.INTEGER_OVERFLOW);
    assertThat(call("i64.trunc_f64_u", Value.f64(18446744073709549568.0)))
        .isEqualTo(Value.i64(-2048));
    assertTrap(
        () -> call("i64.trunc_f64_u", Value.f64(18446744073709551616.0)),
        TrapKind.INTEGER_OVERFLOW);
    assertThat(call("i64.trunc_f32_u", Value.f32(9223372036854775808f)))
        .isEqualTo(Value.i64(Long.MIN_VALUE));
    assertThat(call("i64.trunc_f64_s", Value.f64(-9223372036854775808.0)))
        .isEqualTo(Value.i64(Long.MIN_VALUE));
    assertTrap(
        () -> call("i64.trunc_f64_s", Value.f64(9223372036854775808.0)), TrapKind.INTEGER_OVERFLOW);
    assertTrap(
        () -> call("i64.trunc_f32_s", Value.f32(Float.NEGATIVE_INFINITY)),
        TrapKind.INTEGER_OVERFLOW);
  }

  @Test
  void saturatingTruncation() {
    assertThat(call("i32.trunc_sat_f32_s", Value.f32(Float.NaN))).isEqualTo(Value.i32(0));
    assertThat(call("i32.trunc_sat_f32_s", Value.f32(3e9f)))
        .isEqualTo(Value.i32(Integer.MAX_VALUE));
    assertThat(call("i32.trunc_sat_f64_s", Value.f64(-3e9)))
        .isEqualTo(Value.i32(Integer.MIN_VALUE));
    assertThat(call("i32.trunc_sat_f32_u", Value.f32(-5f))).isEqualTo(Value.i32(0));
    assertThat(call("i32.trunc_sat_f64_u", Value.f64(5e9))).isEqualTo(Value.i32(-1));
    assertThat(call("i32.trunc_sat_f64_u", Value.f64(3e9)))
        .isEqualTo(Value.i32((int) 3_000_000_000L));
    assertThat(call("i64.trunc_sat_f32_u", Value.f32(Float.POSITIVE_INFINITY)))
        .isEqualTo(Value.i64(-1));
    assertThat(call("i64.trunc_sat_f64_u", Value.f64(1e19)))
        .isEqualTo(Value.i64(Long.parseUnsignedLong("10000000000000000000")));
    assertThat(call("i64.trunc_sat_f64_s", Value.f64(Double.NaN))).isEqualTo(Value.i64(0));
    assertThat(call("i64.trunc_sat_f32_s", Value.f32(-1e30f))).isEqualTo(Value.i64(Long.MIN_VALUE));
  }

  @Test
  void integerToFloatConversionsRoundToNearest() {
    assertThat(call("f32.convert_i32_u", Value.i32(-1))).isEqualTo(Value.f32(4294967296f));
    assertThat(call("f32.convert_i32_s", Value.i32(16777217))).isEqualTo(Value.f32(16777216f));
    assertThat(call("f64.convert_i32_u", Value.i32(-1))).isEqualTo(Value.f64(4294967295.0));
    assertThat(call("f64.convert_i64_u", Value.i64(-1)))
        .isEqualTo(Value.f64(18446744073709551616.0));
    // Doubles near 2^63 are 2^11 apart: 2^63 + 2^10 is a tie (to even: down), one more rounds up.
    assertThat(call("f64.convert_i64_u", Value.i64(Long.MIN_VALUE + 1025)))
        .isEqualTo(Value.f64(9223372036854777856.0));
    assertThat(call("f64.convert_i64_u", Value.i64(Long.MIN_VALUE + 1024)))
        .isEqualTo(Value.f64(9223372036854775808.0));
    assertThat(call("f64.convert_i64_u", Value.i64(Long.MIN_VALUE + 3072)))
        .isEqualTo(Value.f64(9223372036854779904.0));
    assertThat(call("f32.convert_i64_u", Value.i64(0xFFFFFF7FFFFFFFFFL)))
        .isEqualTo(Value.f32(1.8446743e19f));
    assertThat(call("f32.convert_i64_u", Value.i64(Long.MIN_VALUE + (1L << 39) + 1)))
        .isEqualTo(Value.f32Bits(0x5F000001));
    assertThat(call("f32.convert_i64_s", Value.i64(Long.MIN_VALUE)))
        .isEqualTo(Value.f32(-9.223372e18f));
    assertThat(call("f64.convert_i64_s", Value.i64(9007199254740993L)))
        .isEqualTo(Value.f64(9007199254740992.0));
    assertThat(call("f32.demote_f64", Value.f64(1e40)))
        .isEqualTo(Value.f32(Float.POSITIVE_INFINITY));
    assertThat(call("f32.demote_f64", Value.f64(-0.0))).isEqualTo(Value.f32(-0f));
    assertThat(call("f64.promote_f32", Value.f32(0.1f))).isEqualTo(Value.f64(0.1f));
  }
}

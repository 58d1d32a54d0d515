package dev.cortado.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** Every integer instruction against a Java model, on edge values; plus the trapping ones. */
class IntegerInstructionsTest {
  private static final int[] I32S = {
    0, 1, -1, 2, 7, -7, 31, 32, 33, 0x12345678, 0x80000000, 0x7FFFFFFF, 0xFFFF0000, 0x00FF00FF
  };
  private static final long[] I64S = {
    0,
    1,
    -1,
    2,
    7,
    -7,
    63,
    64,
    65,
    0x123456789ABCDEF0L,
    Long.MIN_VALUE,
    Long.MAX_VALUE,
    0xFFFFFFFF00000000L,
    0x00000000FFFFFFFFL,
    0x80000000L
  };

  private static int b(boolean v) {
    return v ? 1 : 0;
  }

  static final Map<String, IntBinaryOperator> I32_BINARY = new LinkedHashMap<>();
  static final Map<String, IntUnaryOperator> I32_UNARY = new LinkedHashMap<>();
  static final Map<String, LongBinaryOperator> I64_BINARY = new LinkedHashMap<>();
  static final Map<String, LongUnaryOperator> I64_UNARY = new LinkedHashMap<>();

  static {
    I32_BINARY.put("add", (a, c) -> a + c);
    I32_BINARY.put("sub", (a, c) -> a - c);
    I32_BINARY.put("mul", (a, c) -> a * c);
    I32_BINARY.put("and", (a, c) -> a & c);
    I32_BINARY.put("or", (a, c) -> a | c);
    I32_BINARY.put("xor", (a, c) -> a ^ c);
    I32_BINARY.put("shl", (a, c) -> a << (c & 31));
    I32_BINARY.put("shr_s", (a, c) -> a >> (c & 31));
    I32_BINARY.put("shr_u", (a, c) -> a >>> (c & 31));
    I32_BINARY.put("rotl", (a, c) -> (a << (c & 31)) | (a >>> ((32 - (c & 31)) & 31)));
    I32_BINARY.put("rotr", (a, c) -> (a >>> (c & 31)) | (a << ((32 - (c & 31)) & 31)));
    I32_BINARY.put("eq", (a, c) -> b(a == c));
    I32_BINARY.put("ne", (a, c) -> b(a != c));
    I32_BINARY.put("lt_s", (a, c) -> b(a < c));
    I32_BINARY.put("lt_u", (a, c) -> b((a ^ 0x80000000) < (c ^ 0x80000000)));
    I32_BINARY.put("gt_s", (a, c) -> b(a > c));
    I32_BINARY.put("gt_u", (a, c) -> b((a ^ 0x80000000) > (c ^ 0x80000000)));
    I32_BINARY.put("le_s", (a, c) -> b(a <= c));
    I32_BINARY.put("le_u", (a, c) -> b((a ^ 0x80000000) <= (c ^ 0x80000000)));
    I32_BINARY.put("ge_s", (a, c) -> b(a >= c));
    I32_BINARY.put("ge_u", (a, c) -> b((a ^ 0x80000000) >= (c ^ 0x80000000)));
    I32_UNARY.put("eqz", a -> b(a == 0));
    I32_UNARY.put(
        "clz",
        a -> a == 0 ? 32 : 31 - (int) Math.floor(Math.log(a & 0xFFFFFFFFL) / Math.log(2) + 1e-12));
    I32_UNARY.put("ctz", a -> a == 0 ? 32 : Integer.numberOfTrailingZeros(a));
    I32_UNARY.put("popcnt", Integer::bitCount);
    I32_UNARY.put("extend8_s", a -> (byte) a);
    I32_UNARY.put("extend16_s", a -> (short) a);

    I64_BINARY.put("add", (a, c) -> a + c);
    I64_BINARY.put("sub", (a, c) -> a - c);
    I64_BINARY.put("mul", (a, c) -> a * c);
    I64_BINARY.put("and", (a, c) -> a & c);
    I64_BINARY.put("or", (a, c) -> a | c);
    I64_BINARY.put("xor", (a, c) -> a ^ c);
    I64_BINARY.put("shl", (a, c) -> a << (c & 63));
    I64_BINARY.put("shr_s", (a, c) -> a >> (c & 63));
    I64_BINARY.put("shr_u", (a, c) -> a >>> (c & 63));
    I64_BINARY.put("rotl", (a, c) -> (a << (c & 63)) | (a >>> ((64 - (c & 63)) & 63)));
    I64_BINARY.put("rotr", (a, c) -> (a >>> (c & 63)) | (a << ((64 - (c & 63)) & 63)));
    I64_UNARY.put("clz", Long::numberOfLeadingZeros);
    I64_UNARY.put("ctz", Long::numberOfTrailingZeros);
    I64_UNARY.put("popcnt", Long::bitCount);
    I64_UNARY.put("extend8_s", a -> (byte) a);
    I64_UNARY.put("extend16_s", a -> (short) a);
    I64_UNARY.put("extend32_s", a -> (int) a);
  }

  static final Map<String, LongBinaryOperator> I64_COMPARE = new LinkedHashMap<>();

  static {
    I64_COMPARE.put("eq", (a, c) -> b(a == c));
    I64_COMPARE.put("ne", (a, c) -> b(a != c));
    I64_COMPARE.put("lt_s", (a, c) -> b(a < c));
    I64_COMPARE.put("lt_u", (a, c) -> b(Long.compareUnsigned(a, c) < 0));
    I64_COMPARE.put("gt_s", (a, c) -> b(a > c));
    I64_COMPARE.put("gt_u", (a, c) -> b(Long.compareUnsigned(a, c) > 0));
    I64_COMPARE.put("le_s", (a, c) -> b(a <= c));
    I64_COMPARE.put("le_u", (a, c) -> b(Long.compareUnsigned(a, c) <= 0));
    I64_COMPARE.put("ge_s", (a, c) -> b(a >= c));
    I64_COMPARE.put("ge_u", (a, c) -> b(Long.compareUnsigned(a, c) >= 0));
  }

  private static Instance ops() {
    Asm asm = Asm.module();
    I32_BINARY
        .keySet()
        .forEach(
            op -> asm.func("i32." + op, "i32 i32 -> i32", "", "local.get 0 local.get 1 i32." + op));
    I32_UNARY
        .keySet()
        .forEach(op -> asm.func("i32." + op, "i32 -> i32", "", "local.get 0 i32." + op));
    I64_BINARY
        .keySet()
        .forEach(
            op -> asm.func("i64." + op, "i64 i64 -> i64", "", "local.get 0 local.get 1 i64." + op));
    I64_COMPARE
        .keySet()
        .forEach(
            op -> asm.func("i64." + op, "i64 i64 -> i32", "", "local.get 0 local.get 1 i64." + op));
    I64_UNARY
        .keySet()
        .forEach(op -> asm.func("i64." + op, "i64 -> i64", "", "local.get 0 i64." + op));
    asm.func("i64.eqz", "i64 -> i32", "", "local.get 0 i64.eqz");
    asm.func("i32.wrap_i64", "i64 -> i32", "", "local.get 0 i32.wrap_i64");
    asm.func("i64.extend_i32_s", "i32 -> i64", "", "local.get 0 i64.extend_i32_s");
    asm.func("i64.extend_i32_u", "i32 -> i64", "", "local.get 0 i64.extend_i32_u");
    for (String op : new String[] {"div_s", "div_u", "rem_s", "rem_u"}) {
      asm.func("i32." + op, "i32 i32 -> i32", "", "local.get 0 local.get 1 i32." + op);
      asm.func("i64." + op, "i64 i64 -> i64", "", "local.get 0 local.get 1 i64." + op);
    }
    return new Linker().instantiate(new Store(), asm.build());
  }

  private static final Instance OPS = ops();

  private static int i32(String name, int... args) {
    Value[] v = new Value[args.length];
    for (int i = 0; i < args.length; i++) {
      v[i] = Value.i32(args[i]);
    }
    return OPS.function(name).call(v)[0].asInt();
  }

  private static Value i64(String name, long... args) {
    Value[] v = new Value[args.length];
    for (int i = 0; i < args.length; i++) {
      v[i] = Value.i64(args[i]);
    }
    return OPS.function(name).call(v)[0];
  }

  @Test
  void i32BinaryOperatorsMatchModel() {
    I32_BINARY.forEach(
        (op, model) -> {
          for (int a : I32S) {
            for (int c : I32S) {
              assertThat(i32("i32." + op, a, c))
                  .as("i32.%s %d %d", op, a, c)
                  .isEqualTo(model.applyAsInt(a, c));
            }
          }
        });
  }

  @Test
  void i32UnaryOperatorsMatchModel() {
    I32_UNARY.forEach(
        (op, model) -> {
          for (int a : I32S) {
            assertThat(i32("i32." + op, a)).as("i32.%s %d", op, a).isEqualTo(model.applyAsInt(a));
          }
        });
  }

  @Test
  void i64OperatorsMatchModel() {
    I64_BINARY.forEach(
        (op, model) -> {
          for (long a : I64S) {
            for (long c : I64S) {
              assertThat(i64("i64." + op, a, c).asLong())
                  .as("i64.%s %d %d", op, a, c)
                  .isEqualTo(model.applyAsLong(a, c));
            }
          }
        });
    I64_COMPARE.forEach(
        (op, model) -> {
          for (long a : I64S) {
            for (long c : I64S) {
              Value r = i64("i64." + op, a, c);
              assertThat(r)
                  .as("i64.%s %d %d", op, a, c)
                  .isEqualTo(Value.i32((int) model.applyAsLong(a, c)));
            }
          }
        });
    I64_UNARY.forEach(
        (op, model) -> {
          for (long a : I64S) {
            assertThat(i64("i64." + op, a).asLong())
                .as("i64.%s %d", op, a)
                .isEqualTo(model.applyAsLong(a));
          }
        });
    for (long a : I64S) {
      assertThat(i64("i64.eqz", a)).isEqualTo(Value.i32(b(a == 0)));
      assertThat(i64("i32.wrap_i64", a)).isEqualTo(Value.i32((int) a));
    }
  }

  @Test
  void conversionsBetweenWidths() {
    for (int a : I32S) {
      assertThat(OPS.function("i64.extend_i32_s").call(Value.i32(a))[0]).isEqualTo(Value.i64(a));
      assertThat(OPS.function("i64.extend_i32_u").call(Value.i32(a))[0])
          .isEqualTo(Value.i64(a & 0xFFFFFFFFL));
    }
  }

  @Test
  void divisionAndRemainder() {
    assertThat(i32("i32.div_s", -7, 2)).isEqualTo(-3);
    assertThat(i32("i32.div_u", -7, 2)).isEqualTo(0x7FFFFFFC);
    assertThat(i32("i32.rem_s", -7, 2)).isEqualTo(-1);
    assertThat(i32("i32.rem_u", -7, 2)).isEqualTo(1);
    assertThat(i32("i32.rem_s", Integer.MIN_VALUE, -1)).isEqualTo(0);
    assertThat(i32("i32.div_s", Integer.MIN_VALUE, 1)).isEqualTo(Integer.MIN_VALUE);
    assertThat(i64("i64.div_s", -7, 2).asLong()).isEqualTo(-3);
    assertThat(i64("i64.div_u", -7, 2).asLong()).isEqualTo(0x7FFFFFFFFFFFFFFCL);
    assertThat(i64("i64.rem_s", Long.MIN_VALUE, -1).asLong()).isEqualTo(0);
    assertThat(i64("i64.rem_u", -1, 10).asLong()).isEqualTo(5);
  }

  @Test
  void divisionTraps() {
    assertTrap(() -> i32("i32.div_s", 1, 0), TrapKind.INTEGER_DIVIDE_BY_ZERO);
    assertTrap(() -> i32("i32.div_u", 1, 0), TrapKind.INTEGER_DIVIDE_BY_ZERO);
    assertTrap(() -> i32("i32.rem_s", 1, 0), TrapKind.INTEGER_DIVIDE_BY_ZERO);
    assertTrap(() -> i32("i32.rem_u", 1, 0), TrapKind.INTEGER_DIVIDE_BY_ZERO);
    assertTrap(() -> i32("i32.div_s", Integer.MIN_VALUE, -1), TrapKind.INTEGER_OVERFLOW);
    assertTrap(() -> i64("i64.div_s", 1, 0), TrapKind.INTEGER_DIVIDE_BY_ZERO);
    assertTrap(() -> i64("i64.div_u", 1, 0), TrapKind.INTEGER_DIVIDE_BY_ZERO);
    assertTrap(() -> i64("i64.rem_s", 1, 0), TrapKind.INTEGER_DIVIDE_BY_ZERO);
    assertTrap(() -> i64("i64.rem_u", 1, 0), TrapKind.INTEGER_DIVIDE_BY_ZERO);
    assertTrap(() -> i64("i64.div_s", Long.MIN_VALUE, -1), TrapKind.INTEGER_OVERFLOW);
  }

  static void assertTrap(Runnable r, TrapKind kind) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            Trap.class,
            t -> {
              assertThat(t.kind()).isEqualTo(kind);
              assertThat(t.reason()).startsWith(kind.message());
            });
  }
}

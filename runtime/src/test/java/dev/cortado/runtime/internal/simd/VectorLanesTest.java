package dev.cortado.runtime.internal.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jdk.incubator.vector.LongVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Every {@link VectorLanes} operation gives the scalar lane method's result, half by half, on
 * random and special inputs (NaNs with payloads, signed zeros, infinities, lane minima and maxima),
 * often enough that C2 compiles the Vector API intrinsics. Runs only where the JVM has {@code
 * jdk.incubator.vector} (the build's {@code vector} test execution adds it).
 */
@EnabledIf("vectorModulePresent")
class VectorLanesTest {
  private static final int ROUNDS = 30_000;

  static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /** Halves that hit the edge cases of every lane shape. */
  private static final long[] SPECIAL = {
    0,
    -1,
    0x8000_0000_8000_0000L, // f32 -0.0, i32 min
    0x7FC0_0000_FFC0_0000L, // f32 NaN, -NaN (canonical)
    0x7FA0_0001_7F80_0000L, // f32 signalling NaN with payload, +inf
    0xFF80_0000_3F80_0000L, // f32 -inf, 1.0
    0x7FF8_0000_0000_0001L, // f64 NaN with payload
    0xFFF0_0000_0000_0000L, // f64 -inf
    0x8000_0000_0000_0000L, // f64 -0.0, i64 min
    0x7F7F_8080_7FFF_8000L, // i8 and i16 extremes
    0x0010_0011_001F_0020L, // shift-count-like bytes and swizzle indices
  };

  private static long value(Random rnd) {
    int pick = rnd.nextInt(4);
    return pick == 0 ? SPECIAL[rnd.nextInt(SPECIAL.length)] : rnd.nextLong();
  }

  private static Class<?> owner(String shape) {
    return switch (shape) {
      case "i8x16" -> I8x16.class;
      case "i16x8" -> I16x8.class;
      case "i32x4" -> I32x4.class;
      case "i64x2" -> I64x2.class;
      case "f32x4" -> F32x4.class;
      default -> F64x2.class;
    };
  }

  @Test
  void everyLaneWiseOperationEqualsTheScalarOne() throws ReflectiveOperationException {
    Random rnd = new Random(5);
    List<String> checked = new ArrayList<>();
    for (Method v : VectorLanes.class.getMethods()) {
      if (!Modifier.isStatic(v.getModifiers()) || v.getReturnType() != LongVector.class) {
        continue;
      }
      String name = v.getName();
      if (name.equals("swizzle")) {
        continue;
      }
      String shape = name.substring(0, 5);
      String op = Character.toLowerCase(name.charAt(5)) + name.substring(6);
      int arity = v.getParameterCount();
      Method s =
          switch (arity) {
            case 2 -> owner(shape).getMethod(op, long.class);
            case 3 -> owner(shape).getMethod(op, long.class, int.class);
            default -> owner(shape).getMethod(op, long.class, long.class);
          };
      for (int i = 0; i < ROUNDS; i++) {
        long aLo = value(rnd);
        long aHi = value(rnd);
        long bLo = value(rnd);
        long bHi = value(rnd);
        int count = rnd.nextInt(200) - 20;
        LongVector r;
        long lo;
        long hi;
        switch (arity) {
          case 2 -> {
            r = (LongVector) v.invoke(null, aLo, aHi);
            lo = (long) s.invoke(null, aLo);
            hi = (long) s.invoke(null, aHi);
          }
          case 3 -> {
            r = (LongVector) v.invoke(null, aLo, aHi, count);
            lo = (long) s.invoke(null, aLo, count);
            hi = (long) s.invoke(null, aHi, count);
          }
          default -> {
            r = (LongVector) v.invoke(null, aLo, aHi, bLo, bHi);
            lo = (long) s.invoke(null, aLo, bLo);
            hi = (long) s.invoke(null, aHi, bHi);
          }
        }
        if (!same(shape, VectorLanes.lo(r), lo) || !same(shape, VectorLanes.hi(r), hi)) {
          throw new AssertionError(
              String.format(
                  "%s(%016x %016x, %016x %016x, %d): vector %016x %016x, scalar %016x %016x",
                  name, aLo, aHi, bLo, bHi, count, VectorLanes.lo(r), VectorLanes.hi(r), lo, hi));
        }
      }
      checked.add(name);
    }
    assertThat(checked).hasSizeGreaterThan(60).contains("i8x16AddSatU", "f32x4Div", "i16x8Shl");
  }

  /**
   * Whether two result halves are equal, except that where a float result lane is a NaN any
   * arithmetic NaN (quiet bit set) is as good as another: spec 4.3.3 lets an operation with a NaN
   * operand return any of them, and which one x86 gives depends on the operand order HotSpot picks.
   */
  private static boolean same(String shape, long vector, long scalar) {
    if (vector == scalar) {
      return true;
    }
    if (shape.equals("f64x2")) {
      return arithmeticNan64(vector) && arithmeticNan64(scalar);
    }
    if (shape.equals("f32x4")) {
      for (int shift = 0; shift < 64; shift += 32) {
        int v = (int) (vector >>> shift);
        int s = (int) (scalar >>> shift);
        if (v != s && !(arithmeticNan32(v) && arithmeticNan32(s))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean arithmeticNan32(int bits) {
    return (bits & 0x7FC0_0000) == 0x7FC0_0000;
  }

  private static boolean arithmeticNan64(long bits) {
    return (bits & 0x7FF8_0000_0000_0000L) == 0x7FF8_0000_0000_0000L;
  }

  @Test
  void swizzleEqualsTheScalarOne() {
    Random rnd = new Random(6);
    for (int i = 0; i < ROUNDS * 10; i++) {
      long aLo = value(rnd);
      long aHi = value(rnd);
      long bLo = value(rnd);
      long bHi = value(rnd);
      LongVector sw = VectorLanes.swizzle(aLo, aHi, bLo, bHi);
      assertThat(VectorLanes.lo(sw)).isEqualTo(V128.swizzle(aLo, aHi, bLo));
      assertThat(VectorLanes.hi(sw)).isEqualTo(V128.swizzle(aLo, aHi, bHi));
    }
  }
}

package dev.cortado.runtime.internal.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jdk.incubator.vector.IntVector;

/**
 * The checks of {@link VectorLanesTest}, apart from it because their signatures name Vector API
 * types, which JUnit's discovery would fail to resolve where the module is absent.
 */
final class VectorLanesCases {
  private VectorLanesCases() {}

  private static final int ROUNDS = 30_000;

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

  private static Class<?> owner(String shape, String op) {
    return shape.equals("v128") ? V128.class : owner(shape);
  }

  /** The scalar per-half method, or null where that is one JVM instruction (i64x2 add and such). */
  private static Method scalar(String shape, String op, int arity) {
    try {
      return switch (arity) {
        case 1 -> owner(shape, op).getMethod(op, long.class);
        case 2 -> owner(shape, op).getMethod(op, long.class, long.class);
        default -> owner(shape, op).getMethod(op, long.class, int.class);
      };
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** The i64x2 operations that have no scalar method: one JVM instruction per half. */
  private static long jvmOp(String op, long a, long b) {
    return switch (op) {
      case "add" -> a + b;
      case "sub" -> a - b;
      case "mul" -> a * b;
      case "neg" -> -a;
      default -> throw new AssertionError(op);
    };
  }

  static void everyLaneWiseOperationEqualsTheScalarOne() throws ReflectiveOperationException {
    Random rnd = new Random(5);
    List<String> checked = new ArrayList<>();
    for (Method v : VectorLanes.class.getMethods()) {
      if (!Modifier.isStatic(v.getModifiers())
          || v.getReturnType() != IntVector.class
          || v.getParameterCount() == 0
          || v.getParameterTypes()[0] != IntVector.class
          || v.getName().equals("select")) {
        continue;
      }
      String name = v.getName();
      String shape = name.startsWith("v128") ? "v128" : name.substring(0, 5);
      String op =
          Character.toLowerCase(name.charAt(shape.length())) + name.substring(shape.length() + 1);
      boolean shift = v.getParameterCount() == 2 && v.getParameterTypes()[1] == int.class;
      int arity = shift ? 3 : v.getParameterCount();
      Method s = scalar(shape, op, arity);
      if (s == null && !shape.equals("i64x2")) {
        throw new AssertionError("no scalar method for " + name);
      }
      for (int i = 0; i < ROUNDS; i++) {
        long aLo = value(rnd);
        long aHi = value(rnd);
        long bLo = value(rnd);
        long bHi = value(rnd);
        int count = rnd.nextInt(200) - 20;
        IntVector a = VectorLanes.pack(aLo, aHi);
        IntVector b = VectorLanes.pack(bLo, bHi);
        IntVector r =
            (IntVector)
                switch (arity) {
                  case 1 -> v.invoke(null, a);
                  case 2 -> v.invoke(null, a, b);
                  default -> v.invoke(null, a, count);
                };
        long lo;
        long hi;
        if (s == null) {
          lo = jvmOp(op, aLo, bLo);
          hi = jvmOp(op, aHi, bHi);
        } else if (arity == 1) {
          lo = (long) s.invoke(null, aLo);
          hi = (long) s.invoke(null, aHi);
        } else if (arity == 2) {
          lo = (long) s.invoke(null, aLo, bLo);
          hi = (long) s.invoke(null, aHi, bHi);
        } else {
          lo = (long) s.invoke(null, aLo, count);
          hi = (long) s.invoke(null, aHi, count);
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
    assertThat(checked)
        .hasSizeGreaterThan(100)
        .contains("i8x16AddSatU", "f32x4Div", "i16x8Shl", "i32x4Mul", "i64x2Mul", "v128Andnot");
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

  static void permutationsTestsAndWideningEqualTheScalarOnes() {
    Random rnd = new Random(6);
    for (int i = 0; i < ROUNDS * 4; i++) {
      long aLo = value(rnd);
      long aHi = value(rnd);
      long bLo = value(rnd);
      long bHi = value(rnd);
      long cLo = value(rnd);
      long cHi = value(rnd);
      IntVector a = VectorLanes.pack(aLo, aHi);
      IntVector b = VectorLanes.pack(bLo, bHi);
      IntVector c = VectorLanes.pack(cLo, cHi);
      IntVector sw = VectorOps.i8x16Swizzle(a, b);
      assertThat(VectorLanes.lo(sw)).isEqualTo(V128.swizzle(aLo, aHi, bLo));
      assertThat(VectorLanes.hi(sw)).isEqualTo(V128.swizzle(aLo, aHi, bHi));
      long lanesLo = cLo & 0x1F1F_1F1F_1F1F_1F1FL;
      long lanesHi = cHi & 0x1F1F_1F1F_1F1F_1F1FL;
      IntVector sh = VectorOps.i8x16Shuffle(a, b, lanesLo, lanesHi);
      assertThat(VectorLanes.lo(sh)).isEqualTo(V128.shuffle(aLo, aHi, bLo, bHi, lanesLo));
      assertThat(VectorLanes.hi(sh)).isEqualTo(V128.shuffle(aLo, aHi, bLo, bHi, lanesHi));
      // Single-source shuffles (compiler.ShufflePlan): bytes of a, some zeroed (those where the
      // keep mask, made from b, has a zero byte), as shuffles against a zero vector.
      long oneLo = cLo & 0x0F0F_0F0F_0F0F_0F0FL;
      long oneHi = cHi & 0x0F0F_0F0F_0F0F_0F0FL;
      IntVector one = VectorOps.i8x16ShuffleOne(a, oneLo, oneHi);
      assertThat(VectorLanes.lo(one)).isEqualTo(V128.shuffle(aLo, aHi, 0, 0, oneLo));
      assertThat(VectorLanes.hi(one)).isEqualTo(V128.shuffle(aLo, aHi, 0, 0, oneHi));
      long keepLo = (bLo & 0x0101_0101_0101_0101L) * 0xFF;
      long keepHi = (bHi & 0x0101_0101_0101_0101L) * 0xFF;
      long zeroLanes = 0x1010_1010_1010_1010L;
      IntVector z = VectorOps.i8x16ShuffleOneZeroing(a, oneLo, oneHi, keepLo, keepHi);
      assertThat(VectorLanes.lo(z))
          .isEqualTo(V128.shuffle(aLo, aHi, 0, 0, (oneLo & keepLo) | (zeroLanes & ~keepLo)));
      assertThat(VectorLanes.hi(z))
          .isEqualTo(V128.shuffle(aLo, aHi, 0, 0, (oneHi & keepHi) | (zeroLanes & ~keepHi)));
      IntVector bs = VectorOps.v128Bitselect(a, b, c);
      assertThat(VectorLanes.lo(bs)).isEqualTo(V128.bitselect(aLo, bLo, cLo));
      assertThat(VectorLanes.hi(bs)).isEqualTo(V128.bitselect(aHi, bHi, cHi));
      assertThat(VectorOps.v128AnyTrue(a)).isEqualTo(V128.anyTrue(aLo, aHi));
      assertThat(VectorOps.i8x16AllTrue(a)).isEqualTo(I8x16.allTrue(aLo, aHi));
      assertThat(VectorOps.i16x8AllTrue(a)).isEqualTo(I16x8.allTrue(aLo, aHi));
      assertThat(VectorOps.i32x4AllTrue(a)).isEqualTo(I32x4.allTrue(aLo, aHi));
      assertThat(VectorOps.i64x2AllTrue(a)).isEqualTo(I64x2.allTrue(aLo, aHi));
      assertThat(VectorOps.i8x16Bitmask(a)).isEqualTo(I8x16.bitmask(aLo, aHi));
      assertThat(VectorOps.i16x8Bitmask(a)).isEqualTo(I16x8.bitmask(aLo, aHi));
      assertThat(VectorOps.i32x4Bitmask(a)).isEqualTo(I32x4.bitmask(aLo, aHi));
      assertThat(VectorOps.i64x2Bitmask(a)).isEqualTo(I64x2.bitmask(aLo, aHi));
      for (int h = 0; h < 2; h++) {
        long half = h == 0 ? aLo : aHi;
        int low = (int) half;
        int high = (int) (half >>> 32);
        String part = h == 0 ? "Low" : "High";
        widens(
            VectorOps.class,
            "i16x8Extend" + part + "I8x16S",
            a,
            I16x8.extendS(low),
            I16x8.extendS(high));
        widens(
            VectorOps.class,
            "i16x8Extend" + part + "I8x16U",
            a,
            I16x8.extendU(low),
            I16x8.extendU(high));
        widens(
            VectorOps.class,
            "i32x4Extend" + part + "I16x8S",
            a,
            I32x4.extendS(low),
            I32x4.extendS(high));
        widens(
            VectorOps.class,
            "i32x4Extend" + part + "I16x8U",
            a,
            I32x4.extendU(low),
            I32x4.extendU(high));
        widens(
            VectorOps.class,
            "i64x2Extend" + part + "I32x4S",
            a,
            I64x2.extendS(low),
            I64x2.extendS(high));
        widens(
            VectorOps.class,
            "i64x2Extend" + part + "I32x4U",
            a,
            I64x2.extendU(low),
            I64x2.extendU(high));
      }
      IntVector cv = VectorOps.f32x4ConvertI32x4S(a);
      assertThat(VectorLanes.lo(cv)).isEqualTo(F32x4.convertI32x4S(aLo));
      assertThat(VectorLanes.hi(cv)).isEqualTo(F32x4.convertI32x4S(aHi));
      IntVector tr = VectorOps.i32x4TruncSatF32x4S(a);
      assertThat(VectorLanes.lo(tr)).isEqualTo(I32x4.truncSatF32x4S(aLo));
      assertThat(VectorLanes.hi(tr)).isEqualTo(I32x4.truncSatF32x4S(aHi));
      IntVector pr = VectorOps.f64x2PromoteLowF32x4(a);
      assertThat(same("f64x2", VectorLanes.lo(pr), F64x2.promote((int) aLo))).isTrue();
      assertThat(same("f64x2", VectorLanes.hi(pr), F64x2.promote((int) (aLo >>> 32)))).isTrue();
      int lane = rnd.nextInt(16);
      int x = (int) bLo;
      assertThat(VectorOps.i8x16ExtractLaneS(a, lane))
          .isEqualTo(I8x16.extractLaneS(aLo, aHi, lane));
      assertThat(VectorOps.i8x16ExtractLaneU(a, lane))
          .isEqualTo(I8x16.extractLaneU(aLo, aHi, lane));
      assertThat(VectorOps.i16x8ExtractLaneS(a, lane % 8))
          .isEqualTo(I16x8.extractLaneS(aLo, aHi, lane % 8));
      assertThat(VectorOps.i16x8ExtractLaneU(a, lane % 8))
          .isEqualTo(I16x8.extractLaneU(aLo, aHi, lane % 8));
      assertThat(VectorOps.i32x4ExtractLane(a, lane % 4))
          .isEqualTo(I32x4.extractLane(aLo, aHi, lane % 4));
      assertThat(VectorOps.i64x2ExtractLane(a, lane % 2)).isEqualTo(lane % 2 == 0 ? aLo : aHi);
      replaces(
          VectorOps.i8x16ReplaceLane(a, x, lane),
          lane / 8,
          I8x16.replaceLane(lane < 8 ? aLo : aHi, lane % 8, x),
          aLo,
          aHi);
      replaces(
          VectorOps.i16x8ReplaceLane(a, x, lane % 8),
          lane % 8 / 4,
          I16x8.replaceLane(lane % 8 < 4 ? aLo : aHi, lane % 4, x),
          aLo,
          aHi);
      replaces(
          VectorOps.i32x4ReplaceLane(a, x, lane % 4),
          lane % 4 / 2,
          I32x4.replaceLane(lane % 4 < 2 ? aLo : aHi, lane % 2, x),
          aLo,
          aHi);
      replaces(VectorOps.i64x2ReplaceLane(a, bHi, lane % 2), lane % 2, bHi, aLo, aHi);
      IntVector sp = VectorOps.i8x16Splat(x);
      assertThat(VectorLanes.lo(sp)).isEqualTo(I8x16.splat(x)).isEqualTo(VectorLanes.hi(sp));
      sp = VectorOps.i16x8Splat(x);
      assertThat(VectorLanes.lo(sp)).isEqualTo(I16x8.splat(x)).isEqualTo(VectorLanes.hi(sp));
      sp = VectorOps.i32x4Splat(x);
      assertThat(VectorLanes.lo(sp)).isEqualTo(I32x4.splat(x)).isEqualTo(VectorLanes.hi(sp));
      sp = VectorOps.i64x2Splat(bHi);
      assertThat(VectorLanes.lo(sp)).isEqualTo(bHi).isEqualTo(VectorLanes.hi(sp));
    }
  }

  private static void widens(Class<?> c, String name, IntVector a, long lo, long hi) {
    IntVector r;
    try {
      r = (IntVector) c.getMethod(name, IntVector.class).invoke(null, a);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(name, e);
    }
    assertThat(VectorLanes.lo(r)).as(name).isEqualTo(lo);
    assertThat(VectorLanes.hi(r)).as(name).isEqualTo(hi);
  }

  /** {@code r} is {@code (aLo, aHi)} with half {@code which} replaced by {@code half}. */
  private static void replaces(IntVector r, int which, long half, long aLo, long aHi) {
    assertThat(VectorLanes.lo(r)).isEqualTo(which == 0 ? half : aLo);
    assertThat(VectorLanes.hi(r)).isEqualTo(which == 1 ? half : aHi);
  }

  static void memoryAccessesReadAndWriteLittleEndianAndCheckBounds() {
    // One page; the accesses use its last 64 bytes, so that some straddle the end.
    dev.cortado.runtime.internal.MemoryInstance m =
        dev.cortado.runtime.internal.MemoryInstance.create(
            new dev.cortado.wasm.MemType(new dev.cortado.wasm.Limits(1, 1), false, false));
    int base = 65536 - 64;
    Random rnd = new Random(7);
    for (int i = 0; i < 64; i++) {
      m.writeByte(base + i, (byte) rnd.nextInt());
    }
    for (int addr = base; addr <= base + 45; addr++) {
      long lo = m.readLong(addr + 3);
      long hi = m.readLong(addr + 11);
      IntVector v = VectorOps.v128Load(addr, 3, m);
      assertThat(VectorLanes.lo(v)).isEqualTo(lo);
      assertThat(VectorLanes.hi(v)).isEqualTo(hi);
      IntVector w = VectorOps.v128Load16x4S(addr, 3, m);
      assertThat(VectorLanes.lo(w)).isEqualTo(I32x4.extendS((int) lo));
      assertThat(VectorLanes.hi(w)).isEqualTo(I32x4.extendS((int) (lo >>> 32)));
      w = VectorOps.v128Load8x8U(addr, 3, m);
      assertThat(VectorLanes.lo(w)).isEqualTo(I16x8.extendU((int) lo));
      assertThat(VectorLanes.hi(w)).isEqualTo(I16x8.extendU((int) (lo >>> 32)));
    }
    IntVector v = VectorLanes.pack(0x0102_0304_0506_0708L, 0x1112_1314_1516_1718L);
    VectorOps.v128Store(base + 40, v, 8, m);
    assertThat(m.readLong(base + 48)).isEqualTo(0x0102_0304_0506_0708L);
    assertThat(m.readLong(base + 56)).isEqualTo(0x1112_1314_1516_1718L);
    // Out of bounds, straddling the end: nothing written (spec 4.4.7).
    byte[] before = m.readBytes(base, 64);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> VectorOps.v128Store(base + 50, v, 0, m))
        .isInstanceOf(dev.cortado.runtime.internal.TrapSignal.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> VectorOps.v128Load(-1, 0, m))
        .isInstanceOf(dev.cortado.runtime.internal.TrapSignal.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> VectorOps.v128Load8x8S(base + 57, 0, m))
        .isInstanceOf(dev.cortado.runtime.internal.TrapSignal.class);
    assertThat(m.readBytes(base, 64)).isEqualTo(before);
  }

  /**
   * The splatting, zero-filling and lane loads and the lane stores read or write exactly their
   * bytes (little-endian), at every lane, and trap before writing anything when out of bounds.
   */
  static void lanesSplatsAndZeroFillingAccessMemoryAsTheScalarOnes() {
    dev.cortado.runtime.internal.MemoryInstance m =
        dev.cortado.runtime.internal.MemoryInstance.create(
            new dev.cortado.wasm.MemType(new dev.cortado.wasm.Limits(1, 1), false, false));
    int base = 65536 - 64;
    Random rnd = new Random(11);
    for (int i = 0; i < 64; i++) {
      m.writeByte(base + i, (byte) rnd.nextInt());
    }
    IntVector v = VectorLanes.pack(0x0102_0304_0506_0708L, 0x1112_1314_1516_1718L);
    for (int addr = base; addr <= base + 40; addr += 7) {
      long x = m.readLong(addr + 5);
      assertThat(halves(VectorOps.v128Load8Splat(addr, 5, m)))
          .containsExactly(I8x16.splat((int) x), I8x16.splat((int) x));
      assertThat(halves(VectorOps.v128Load16Splat(addr, 5, m)))
          .containsExactly(I16x8.splat((int) x), I16x8.splat((int) x));
      assertThat(halves(VectorOps.v128Load32Splat(addr, 5, m)))
          .containsExactly(I32x4.splat((int) x), I32x4.splat((int) x));
      assertThat(halves(VectorOps.v128Load64Splat(addr, 5, m))).containsExactly(x, x);
      assertThat(halves(VectorOps.v128Load32Zero(addr, 5, m)))
          .containsExactly(x & 0xFFFF_FFFFL, 0L);
      assertThat(halves(VectorOps.v128Load64Zero(addr, 5, m))).containsExactly(x, 0L);
      long lo = VectorLanes.lo(v);
      long hi = VectorLanes.hi(v);
      for (int lane = 0; lane < 16; lane++) {
        long[] want = {lo, hi};
        want[lane / 8] = I8x16.replaceLane(want[lane / 8], lane % 8, (int) x);
        assertThat(halves(VectorOps.v128Load8Lane(addr, v, 5, m, lane))).containsExactly(want);
      }
      for (int lane = 0; lane < 8; lane++) {
        long[] want = {lo, hi};
        want[lane / 4] = I16x8.replaceLane(want[lane / 4], lane % 4, (int) x);
        assertThat(halves(VectorOps.v128Load16Lane(addr, v, 5, m, lane))).containsExactly(want);
      }
      for (int lane = 0; lane < 4; lane++) {
        long[] want = {lo, hi};
        want[lane / 2] = I32x4.replaceLane(want[lane / 2], lane % 2, (int) x);
        assertThat(halves(VectorOps.v128Load32Lane(addr, v, 5, m, lane))).containsExactly(want);
      }
      assertThat(halves(VectorOps.v128Load64Lane(addr, v, 5, m, 0))).containsExactly(x, hi);
      assertThat(halves(VectorOps.v128Load64Lane(addr, v, 5, m, 1))).containsExactly(lo, x);
    }
    // Each lane store writes its lane's bytes and no other.
    for (int lane = 0; lane < 16; lane++) {
      byte[] before = m.readBytes(base, 64);
      VectorOps.v128Store8Lane(base, v, 9, m, lane);
      before[9] =
          (byte)
              (lane < 8
                  ? VectorLanes.lo(v) >>> (8 * lane)
                  : VectorLanes.hi(v) >>> (8 * (lane - 8)));
      assertThat(m.readBytes(base, 64)).isEqualTo(before);
    }
    for (int lane = 0; lane < 2; lane++) {
      byte[] before = m.readBytes(base, 64);
      VectorOps.v128Store64Lane(base, v, 56, m, lane);
      long want = lane == 0 ? VectorLanes.lo(v) : VectorLanes.hi(v);
      for (int i = 0; i < 8; i++) {
        before[56 + i] = (byte) (want >>> (8 * i));
      }
      assertThat(m.readBytes(base, 64)).isEqualTo(before);
    }
    VectorOps.v128Store16Lane(base, v, 20, m, 5);
    assertThat(m.readBytes(base + 20, 2)).containsExactly((byte) 0x16, (byte) 0x15);
    VectorOps.v128Store32Lane(base, v, 30, m, 1);
    assertThat(m.readBytes(base + 30, 4)).containsExactly((byte) 4, (byte) 3, (byte) 2, (byte) 1);
    // Straddling the end: a trap, nothing written.
    byte[] before = m.readBytes(base, 64);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> VectorOps.v128Store64Lane(base + 57, v, 0, m, 1))
        .isInstanceOf(dev.cortado.runtime.internal.TrapSignal.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> VectorOps.v128Store32Lane(base + 61, v, 0, m, 0))
        .isInstanceOf(dev.cortado.runtime.internal.TrapSignal.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> VectorOps.v128Load64Splat(base + 57, 0, m))
        .isInstanceOf(dev.cortado.runtime.internal.TrapSignal.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> VectorOps.v128Load16Lane(-1, v, 0, m, 0))
        .isInstanceOf(dev.cortado.runtime.internal.TrapSignal.class);
    assertThat(m.readBytes(base, 64)).isEqualTo(before);
  }

  private static long[] halves(IntVector v) {
    return new long[] {VectorLanes.lo(v), VectorLanes.hi(v)};
  }

  /** The scalar result of a composite: the two halves, from the operands' halves. */
  private interface ScalarPair {
    long[] of(long aLo, long aHi, long bLo, long bHi);
  }

  private static final java.util.Map<String, ScalarPair> COMPOSITES = composites();

  private static java.util.Map<String, ScalarPair> composites() {
    java.util.Map<String, ScalarPair> m = new java.util.LinkedHashMap<>();
    m.put(
        "i8x16NarrowI16x8S",
        (al, ah, bl, bh) -> pair(I8x16.narrowI16x8S(al, ah), I8x16.narrowI16x8S(bl, bh)));
    m.put(
        "i8x16NarrowI16x8U",
        (al, ah, bl, bh) -> pair(I8x16.narrowI16x8U(al, ah), I8x16.narrowI16x8U(bl, bh)));
    m.put(
        "i16x8NarrowI32x4S",
        (al, ah, bl, bh) -> pair(I16x8.narrowI32x4S(al, ah), I16x8.narrowI32x4S(bl, bh)));
    m.put(
        "i16x8NarrowI32x4U",
        (al, ah, bl, bh) -> pair(I16x8.narrowI32x4U(al, ah), I16x8.narrowI32x4U(bl, bh)));
    for (String sign : new String[] {"S", "U"}) {
      for (String part : new String[] {"Low", "High"}) {
        boolean high = part.equals("High");
        boolean signed = sign.equals("S");
        m.put(
            "i16x8Extmul" + part + "I8x16" + sign,
            (al, ah, bl, bh) ->
                extmul(high ? ah : al, high ? bh : bl, signed ? I16x8::extmulS : I16x8::extmulU));
        m.put(
            "i32x4Extmul" + part + "I16x8" + sign,
            (al, ah, bl, bh) ->
                extmul(high ? ah : al, high ? bh : bl, signed ? I32x4::extmulS : I32x4::extmulU));
        m.put(
            "i64x2Extmul" + part + "I32x4" + sign,
            (al, ah, bl, bh) ->
                extmul(high ? ah : al, high ? bh : bl, signed ? I64x2::extmulS : I64x2::extmulU));
      }
    }
    m.put(
        "i32x4DotI16x8S",
        (al, ah, bl, bh) -> pair(I32x4.dotI16x8S(al, bl), I32x4.dotI16x8S(ah, bh)));
    m.put("i8x16AvgrU", (al, ah, bl, bh) -> pair(I8x16.avgrU(al, bl), I8x16.avgrU(ah, bh)));
    m.put("i16x8AvgrU", (al, ah, bl, bh) -> pair(I16x8.avgrU(al, bl), I16x8.avgrU(ah, bh)));
    m.put("f32x4Pmin", (al, ah, bl, bh) -> pair(F32x4.pmin(al, bl), F32x4.pmin(ah, bh)));
    m.put("f32x4Pmax", (al, ah, bl, bh) -> pair(F32x4.pmax(al, bl), F32x4.pmax(ah, bh)));
    m.put("f64x2Pmin", (al, ah, bl, bh) -> pair(F64x2.pmin(al, bl), F64x2.pmin(ah, bh)));
    m.put("f64x2Pmax", (al, ah, bl, bh) -> pair(F64x2.pmax(al, bl), F64x2.pmax(ah, bh)));
    return m;
  }

  private static long[] pair(long lo, long hi) {
    return new long[] {lo, hi};
  }

  /** A scalar extmul: 32 bits of each operand to one result half. */
  private interface Extmul {
    long of(int a, int b);
  }

  /** extmul of one half of each operand: its low 32 bits give the result's low half. */
  private static long[] extmul(long a, long b, Extmul op) {
    return pair(op.of((int) a, (int) b), op.of((int) (a >>> 32), (int) (b >>> 32)));
  }

  static void compositesEqualTheScalarOnes() throws ReflectiveOperationException {
    List<Method> methods = new ArrayList<>();
    for (Method m : VectorComposites.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        methods.add(m);
      }
    }
    assertThat(methods)
        .extracting(Method::getName)
        .containsExactlyInAnyOrderElementsOf(COMPOSITES.keySet());
    Random rnd = new Random(17);
    for (int i = 0; i < ROUNDS; i++) {
      long aLo = value(rnd);
      long aHi = value(rnd);
      long bLo = value(rnd);
      long bHi = value(rnd);
      IntVector a = VectorLanes.pack(aLo, aHi);
      IntVector b = VectorLanes.pack(bLo, bHi);
      for (Method m : methods) {
        IntVector v = (IntVector) m.invoke(null, a, b);
        long[] expected = COMPOSITES.get(m.getName()).of(aLo, aHi, bLo, bHi);
        assertThat(new long[] {VectorLanes.lo(v), VectorLanes.hi(v)})
            .as("%s %x %x %x %x", m.getName(), aLo, aHi, bLo, bHi)
            .containsExactly(expected);
      }
    }
  }
}

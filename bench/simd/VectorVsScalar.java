import dev.cortado.runtime.internal.simd.F32x4;
import dev.cortado.runtime.internal.simd.I16x8;
import dev.cortado.runtime.internal.simd.I32x4;
import dev.cortado.runtime.internal.simd.I8x16;
import dev.cortado.runtime.internal.simd.V128;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.function.LongSupplier;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The JDK Vector API (128-bit species) against the scalar two-long code compiled SIMD uses (the
 * lane classes of internal.simd), per instruction family. Hand-timed: each case runs a loop over
 * 4096 v128 values many times after a warm-up; figures are ns per v128 operation, best of 5.
 *
 * <p>Three shapes per family: "scalar" (two longs per v128, as compiled code holds them), "vector,
 * packed" (the same two-long values packed into a vector for the operation and unpacked after, as
 * the Vector API would have to be used with the compiler's representation), and "vector, in
 * registers" (the best case: values loaded straight from memory as vectors and kept as vectors,
 * as a representation holding v128 as Vector objects would need C2 to do across locals and phis).
 *
 * <p>Run from the repository root after a build:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp runtime/target/classes:wasm/target/classes \
 *     bench/simd/VectorVsScalar.java
 * </pre>
 */
public class VectorVsScalar {
  static final VectorSpecies<Long> L = LongVector.SPECIES_128;
  static final VectorSpecies<Integer> I = IntVector.SPECIES_128;
  static final VectorSpecies<Float> F = FloatVector.SPECIES_128;
  static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
  static final int N = 4096;
  static final long[] a = new long[2 * N];
  static final long[] b = new long[2 * N];
  static final long[] r = new long[2 * N];
  static final MemorySegment mem = Arena.global().allocate(16L * N * 2, 16);
  static final ValueLayout.OfLong I64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  static LongVector pack(long lo, long hi) {
    return LongVector.zero(L).withLane(0, lo).withLane(1, hi);
  }

  // ---- the packed form as generated code would call it: one helper per result half ----
  static long i8GtLo(long aLo, long aHi, long bLo, long bHi) {
    ByteVector x = pack(aLo, aHi).reinterpretAsBytes();
    ByteVector y = pack(bLo, bHi).reinterpretAsBytes();
    return ByteVector.zero(B)
        .blend((byte) -1, x.compare(VectorOperators.GT, y))
        .reinterpretAsLongs()
        .lane(0);
  }

  static long i8GtHi(long aLo, long aHi, long bLo, long bHi) {
    ByteVector x = pack(aLo, aHi).reinterpretAsBytes();
    ByteVector y = pack(bLo, bHi).reinterpretAsBytes();
    return ByteVector.zero(B)
        .blend((byte) -1, x.compare(VectorOperators.GT, y))
        .reinterpretAsLongs()
        .lane(1);
  }

  static long i8GtTwoCalls() {
    for (int i = 0; i < 2 * N; i += 2) {
      long aLo = a[i];
      long aHi = a[i + 1];
      long bLo = b[i];
      long bHi = b[i + 1];
      r[i] = i8GtLo(aLo, aHi, bLo, bHi);
      r[i + 1] = i8GtHi(aLo, aHi, bLo, bHi);
    }
    return r[7];
  }

  static long f32Lo(long aLo, long aHi, long bLo, long bHi) {
    return pack(aLo, aHi).reinterpretAsFloats().add(pack(bLo, bHi).reinterpretAsFloats())
        .reinterpretAsLongs().lane(0);
  }

  static long f32Hi(long aLo, long aHi, long bLo, long bHi) {
    return pack(aLo, aHi).reinterpretAsFloats().add(pack(bLo, bHi).reinterpretAsFloats())
        .reinterpretAsLongs().lane(1);
  }

  static long f32MulLo(long aLo, long aHi, long bLo, long bHi) {
    return pack(aLo, aHi).reinterpretAsFloats().mul(pack(bLo, bHi).reinterpretAsFloats())
        .reinterpretAsLongs().lane(0);
  }

  static long f32MulHi(long aLo, long aHi, long bLo, long bHi) {
    return pack(aLo, aHi).reinterpretAsFloats().mul(pack(bLo, bHi).reinterpretAsFloats())
        .reinterpretAsLongs().lane(1);
  }

  static long f32TwoCalls() {
    for (int i = 0; i < 2 * N; i += 2) {
      long aLo = a[i];
      long aHi = a[i + 1];
      long bLo = b[i];
      long bHi = b[i + 1];
      long sLo = f32Lo(aLo, aHi, bLo, bHi);
      long sHi = f32Hi(aLo, aHi, bLo, bHi);
      r[i] = f32MulLo(sLo, sHi, bLo, bHi);
      r[i + 1] = f32MulHi(sLo, sHi, bLo, bHi);
    }
    return r[7];
  }

  // ---- i32x4.add ----
  static long i32AddScalar() {
    for (int i = 0; i < 2 * N; i += 2) {
      r[i] = I32x4.add(a[i], b[i]);
      r[i + 1] = I32x4.add(a[i + 1], b[i + 1]);
    }
    return r[7];
  }

  static long i32AddPacked() {
    for (int i = 0; i < 2 * N; i += 2) {
      LongVector v =
          pack(a[i], a[i + 1])
              .reinterpretAsInts()
              .add(pack(b[i], b[i + 1]).reinterpretAsInts())
              .reinterpretAsLongs();
      r[i] = v.lane(0);
      r[i + 1] = v.lane(1);
    }
    return r[7];
  }

  static long i32AddVector() {
    for (int i = 0; i < 2 * N; i += 2) {
      LongVector.fromArray(L, a, i)
          .reinterpretAsInts()
          .add(LongVector.fromArray(L, b, i).reinterpretAsInts())
          .reinterpretAsLongs()
          .intoArray(r, i);
    }
    return r[7];
  }

  // ---- i16x8.mul ----
  static long i16MulScalar() {
    for (int i = 0; i < 2 * N; i += 2) {
      r[i] = I16x8.mul(a[i], b[i]);
      r[i + 1] = I16x8.mul(a[i + 1], b[i + 1]);
    }
    return r[7];
  }

  static long i16MulPacked() {
    for (int i = 0; i < 2 * N; i += 2) {
      LongVector v =
          pack(a[i], a[i + 1])
              .reinterpretAsShorts()
              .mul(pack(b[i], b[i + 1]).reinterpretAsShorts())
              .reinterpretAsLongs();
      r[i] = v.lane(0);
      r[i + 1] = v.lane(1);
    }
    return r[7];
  }

  static long i16MulVector() {
    for (int i = 0; i < 2 * N; i += 2) {
      LongVector.fromArray(L, a, i)
          .reinterpretAsShorts()
          .mul(LongVector.fromArray(L, b, i).reinterpretAsShorts())
          .reinterpretAsLongs()
          .intoArray(r, i);
    }
    return r[7];
  }

  // ---- i8x16.gt_s (compare to mask) ----
  static long i8GtScalar() {
    for (int i = 0; i < 2 * N; i += 2) {
      r[i] = I8x16.gtS(a[i], b[i]);
      r[i + 1] = I8x16.gtS(a[i + 1], b[i + 1]);
    }
    return r[7];
  }

  static long i8GtPacked() {
    for (int i = 0; i < 2 * N; i += 2) {
      ByteVector x = pack(a[i], a[i + 1]).reinterpretAsBytes();
      ByteVector y = pack(b[i], b[i + 1]).reinterpretAsBytes();
      LongVector v =
          ByteVector.zero(B)
              .blend((byte) -1, x.compare(VectorOperators.GT, y))
              .reinterpretAsLongs();
      r[i] = v.lane(0);
      r[i + 1] = v.lane(1);
    }
    return r[7];
  }

  static long i8GtVector() {
    for (int i = 0; i < 2 * N; i += 2) {
      ByteVector x = LongVector.fromArray(L, a, i).reinterpretAsBytes();
      ByteVector y = LongVector.fromArray(L, b, i).reinterpretAsBytes();
      ByteVector.zero(B)
          .blend((byte) -1, x.compare(VectorOperators.GT, y))
          .reinterpretAsLongs()
          .intoArray(r, i);
    }
    return r[7];
  }

  // ---- f32x4.add and f32x4.mul (no NaN canonicalisation needed: IEEE results) ----
  static long f32AddScalar() {
    for (int i = 0; i < 2 * N; i += 2) {
      r[i] = F32x4.mul(F32x4.add(a[i], b[i]), b[i]);
      r[i + 1] = F32x4.mul(F32x4.add(a[i + 1], b[i + 1]), b[i + 1]);
    }
    return r[7];
  }

  static long f32AddPacked() {
    for (int i = 0; i < 2 * N; i += 2) {
      FloatVector x = pack(a[i], a[i + 1]).reinterpretAsFloats();
      FloatVector y = pack(b[i], b[i + 1]).reinterpretAsFloats();
      LongVector v = x.add(y).mul(y).reinterpretAsLongs();
      r[i] = v.lane(0);
      r[i + 1] = v.lane(1);
    }
    return r[7];
  }

  static long f32AddVector() {
    for (int i = 0; i < 2 * N; i += 2) {
      FloatVector x = LongVector.fromArray(L, a, i).reinterpretAsFloats();
      FloatVector y = LongVector.fromArray(L, b, i).reinterpretAsFloats();
      x.add(y).mul(y).reinterpretAsLongs().intoArray(r, i);
    }
    return r[7];
  }

  // ---- i8x16.swizzle (shuffle family) ----
  static long swizzleScalar() {
    for (int i = 0; i < 2 * N; i += 2) {
      long lo = a[i];
      long hi = a[i + 1];
      long s0 = b[i] & 0x0F0F_0F0F_0F0F_0F0FL;
      long s1 = b[i + 1] & 0x0F0F_0F0F_0F0F_0F0FL;
      r[i] = V128.swizzle(lo, hi, s0);
      r[i + 1] = V128.swizzle(lo, hi, s1);
    }
    return r[7];
  }

  static long swizzlePacked() {
    for (int i = 0; i < 2 * N; i += 2) {
      ByteVector x = pack(a[i], a[i + 1]).reinterpretAsBytes();
      ByteVector s = pack(b[i], b[i + 1]).reinterpretAsBytes().and((byte) 0x0F);
      LongVector v = x.rearrange(s.toShuffle()).reinterpretAsLongs();
      r[i] = v.lane(0);
      r[i + 1] = v.lane(1);
    }
    return r[7];
  }

  static long swizzleVector() {
    for (int i = 0; i < 2 * N; i += 2) {
      ByteVector x = LongVector.fromArray(L, a, i).reinterpretAsBytes();
      ByteVector s = LongVector.fromArray(L, b, i).reinterpretAsBytes().and((byte) 0x0F);
      x.rearrange(s.toShuffle()).reinterpretAsLongs().intoArray(r, i);
    }
    return r[7];
  }

  // ---- v128.load + i32x4.add accumulate + v128.store, on memory ----
  static long memScalar() {
    long accLo = 0;
    long accHi = 0;
    for (long off = 0; off < 16L * N; off += 16) {
      long lo = mem.get(I64, off);
      long hi = mem.get(I64, off + 8);
      accLo = I32x4.add(accLo, lo);
      accHi = I32x4.add(accHi, hi);
      mem.set(I64, 16L * N + off + 8, accHi);
      mem.set(I64, 16L * N + off, accLo);
    }
    return accLo ^ accHi;
  }

  static long memVector() {
    IntVector acc = IntVector.zero(I);
    for (long off = 0; off < 16L * N; off += 16) {
      acc = acc.add(IntVector.fromMemorySegment(I, mem, off, ByteOrder.LITTLE_ENDIAN));
      acc.intoMemorySegment(mem, 16L * N + off, ByteOrder.LITTLE_ENDIAN);
    }
    return acc.reinterpretAsLongs().lane(0);
  }

  static long sink;

  static void time(String name, LongSupplier s) {
    for (int i = 0; i < 3000; i++) {
      sink += s.getAsLong();
    }
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      int reps = 2000;
      long t0 = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        sink += s.getAsLong();
      }
      best = Math.min(best, (System.nanoTime() - t0) / (double) reps / N);
    }
    System.out.printf("  %-22s %6.2f ns/op%n", name, best);
  }

  public static void main(String[] args) {
    Random rnd = new Random(42);
    for (int i = 0; i < 2 * N; i++) {
      a[i] = rnd.nextLong();
      b[i] = rnd.nextLong();
    }
    // Floats: finite values, so that the float family measures arithmetic, not NaN paths.
    for (long off = 0; off < 16L * N; off += 8) {
      mem.set(I64, off, rnd.nextLong());
    }
    System.out.println(Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
        + " cores");
    String[] families = {"i32x4.add", "i16x8.mul", "i8x16.gt_s", "f32x4.add+mul", "i8x16.swizzle"};
    LongSupplier[][] cases = {
      {VectorVsScalar::i32AddScalar, VectorVsScalar::i32AddPacked, VectorVsScalar::i32AddVector},
      {VectorVsScalar::i16MulScalar, VectorVsScalar::i16MulPacked, VectorVsScalar::i16MulVector},
      {VectorVsScalar::i8GtScalar, VectorVsScalar::i8GtPacked, VectorVsScalar::i8GtVector},
      {VectorVsScalar::f32AddScalar, VectorVsScalar::f32AddPacked, VectorVsScalar::f32AddVector},
      {VectorVsScalar::swizzleScalar, VectorVsScalar::swizzlePacked, VectorVsScalar::swizzleVector},
    };
    for (int f = 0; f < families.length; f++) {
      if (f == 3) {
        for (int i = 0; i < 2 * N; i++) {
          a[i] = finiteFloats(rnd);
          b[i] = finiteFloats(rnd);
        }
      }
      System.out.println(families[f]);
      time("scalar (two longs)", cases[f][0]);
      time("vector, packed", cases[f][1]);
      time("vector, in registers", cases[f][2]);
      if (f == 2) {
        time("vector, two calls", VectorVsScalar::i8GtTwoCalls);
      }
      if (f == 3) {
        time("vector, two calls", VectorVsScalar::f32TwoCalls);
      }
    }
    System.out.println("v128.load, i32x4.add, v128.store (memory)");
    time("scalar (two longs)", VectorVsScalar::memScalar);
    time("vector, in registers", VectorVsScalar::memVector);
    if (sink == 42) {
      System.out.println();
    }
  }

  static long finiteFloats(Random rnd) {
    long lo = Float.floatToRawIntBits(rnd.nextFloat() * 100 - 50) & 0xFFFF_FFFFL;
    long hi = Float.floatToRawIntBits(rnd.nextFloat() * 100 - 50) & 0xFFFF_FFFFL;
    return lo | hi << 32;
  }
}

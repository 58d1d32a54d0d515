package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.runtime.internal.simd.I16x8;
import dev.cortado.runtime.internal.simd.I32x4;
import dev.cortado.runtime.internal.simd.I64x2;
import dev.cortado.runtime.internal.simd.V128;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.WasmModule;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ShufflePlan} picks the cheap form of the shuffles compilers write, and every plan it makes
 * gives the shuffle's result (checked with the scalar lane methods on random shuffles); {@link
 * ZeroVectors} knows a zero operand only where it is one.
 */
class ShufflePlanTest {
  private static int[] lanes(int... l) {
    return l;
  }

  @Test
  void clangsBlurShufflesAreZeroExtensionsAndItsNarrowingStaysGeneric() {
    // (v128.const 0, load) and (load, zero local): the u16 to u32 zero-extensions of blur.
    ShufflePlan low =
        ShufflePlan.of(
            lanes(16, 17, 2, 3, 18, 19, 6, 7, 20, 21, 10, 11, 22, 23, 14, 15), true, false);
    assertThat(low.kind()).isEqualTo(ShufflePlan.Kind.EXTEND);
    assertThat(low.source()).isEqualTo(1);
    assertThat(low.method()).isEqualTo("i32x4ExtendLowI16x8U");
    ShufflePlan high =
        ShufflePlan.of(
            lanes(8, 9, 18, 19, 10, 11, 22, 23, 12, 13, 26, 27, 14, 15, 30, 31), false, true);
    assertThat(high.kind()).isEqualTo(ShufflePlan.Kind.EXTEND);
    assertThat(high.source()).isZero();
    assertThat(high.method()).isEqualTo("i32x4ExtendHighI16x8U");
    // Without knowing the zero, the same lanes take bytes of both operands.
    assertThat(
            ShufflePlan.of(
                    lanes(8, 9, 18, 19, 10, 11, 22, 23, 12, 13, 26, 27, 14, 15, 30, 31),
                    false,
                    false)
                .kind())
        .isEqualTo(ShufflePlan.Kind.TWO);
    assertThat(
            ShufflePlan.of(lanes(0, 4, 8, 12, 16, 20, 24, 28, 0, 0, 0, 0, 0, 0, 0, 0), false, false)
                .kind())
        .isEqualTo(ShufflePlan.Kind.TWO);
  }

  @Test
  void movesPermutationsAndZeros() {
    int[] identity = new int[16];
    int[] second = new int[16];
    int[] reverse = new int[16];
    for (int i = 0; i < 16; i++) {
      identity[i] = i;
      second[i] = 16 + i;
      reverse[i] = 15 - i;
    }
    assertThat(ShufflePlan.of(identity, false, false).kind()).isEqualTo(ShufflePlan.Kind.KEEP);
    ShufflePlan b = ShufflePlan.of(second, true, false);
    assertThat(b.kind()).isEqualTo(ShufflePlan.Kind.KEEP);
    assertThat(b.source()).isEqualTo(1);
    ShufflePlan one = ShufflePlan.of(reverse, false, false);
    assertThat(one.kind()).isEqualTo(ShufflePlan.Kind.ONE);
    assertThat(one.zeroes()).isFalse();
    assertThat(one.lanesLow()).isEqualTo(0x08090A0B0C0D0E0FL);
    assertThat(ShufflePlan.of(identity, true, false).kind()).isEqualTo(ShufflePlan.Kind.ZERO);
    assertThat(ShufflePlan.of(reverse, true, true).kind()).isEqualTo(ShufflePlan.Kind.ZERO);
  }

  @Test
  void everyPlanGivesTheShufflesResult() {
    Random rnd = new Random(11);
    int planned = 0;
    for (int round = 0; round < 20_000; round++) {
      int[] lanes = new int[16];
      // Mostly shapes that compilers write (byte runs from one operand, bytes of a zero operand),
      // sometimes any lanes at all.
      int style = rnd.nextInt(4);
      for (int i = 0; i < 16; i++) {
        lanes[i] =
            switch (style) {
              case 0 -> rnd.nextInt(32);
              case 1 -> rnd.nextInt(16);
              default -> rnd.nextInt(3) == 0 ? 16 + rnd.nextInt(16) : rnd.nextInt(16);
            };
      }
      if (rnd.nextInt(3) == 0) {
        int[] ext = extension(rnd);
        System.arraycopy(ext, 0, lanes, 0, 16);
      }
      boolean zeroA = rnd.nextInt(3) == 0;
      boolean zeroB = !zeroA && rnd.nextInt(2) == 0;
      long[] a = zeroA ? new long[2] : new long[] {rnd.nextLong(), rnd.nextLong()};
      long[] b = zeroB ? new long[2] : new long[] {rnd.nextLong(), rnd.nextLong()};
      long lanesLo = 0;
      long lanesHi = 0;
      for (int i = 0; i < 8; i++) {
        lanesLo |= (long) lanes[i] << (8 * i);
        lanesHi |= (long) lanes[i + 8] << (8 * i);
      }
      long[] expected = {
        V128.shuffle(a[0], a[1], b[0], b[1], lanesLo), V128.shuffle(a[0], a[1], b[0], b[1], lanesHi)
      };
      ShufflePlan plan = ShufflePlan.of(lanes, zeroA, zeroB);
      if (plan.kind() == ShufflePlan.Kind.TWO) {
        continue; // the generic shuffle (VectorLanesCases checks it)
      }
      planned++;
      assertThat(evaluate(plan, a, b)).as("plan %s", plan.kind()).containsExactly(expected);
    }
    assertThat(planned).isGreaterThan(5_000);
  }

  /** A zero-extension written as a shuffle, in either operand order. */
  private static int[] extension(Random rnd) {
    int w = 1 << rnd.nextInt(3);
    int high = rnd.nextInt(2);
    boolean zeroFirst = rnd.nextBoolean();
    int[] lanes = new int[16];
    for (int i = 0; i < 16; i++) {
      int l = i % (2 * w) < w ? 8 * high + i / (2 * w) * w + i % (2 * w) : 16 + rnd.nextInt(16);
      lanes[i] = zeroFirst ? (l + 16) % 32 : l;
    }
    return lanes;
  }

  /** What the code of {@code plan} computes, with the scalar lane methods. */
  private static long[] evaluate(ShufflePlan plan, long[] a, long[] b) {
    long[] s = plan.source() == 0 ? a : b;
    return switch (plan.kind()) {
      case ZERO -> new long[2];
      case KEEP -> s.clone();
      case EXTEND -> {
        long half = plan.method().contains("High") ? s[1] : s[0];
        int lo = (int) half;
        int hi = (int) (half >>> 32);
        yield switch (plan.method().substring(0, 5)) {
          case "i16x8" -> new long[] {I16x8.extendU(lo), I16x8.extendU(hi)};
          case "i32x4" -> new long[] {I32x4.extendU(lo), I32x4.extendU(hi)};
          default -> new long[] {I64x2.extendU(lo), I64x2.extendU(hi)};
        };
      }
      case ONE -> {
        long[] r = new long[2];
        for (int h = 0; h < 2; h++) {
          long lanes = h == 0 ? plan.lanesLow() : plan.lanesHigh();
          long keep = h == 0 ? plan.keepLow() : plan.keepHigh();
          r[h] = V128.shuffle(s[0], s[1], 0, 0, lanes) & keep;
        }
        yield r;
      }
      case TWO -> throw new AssertionError("the generic shuffle has no plan to evaluate");
    };
  }

  @Test
  void onlyOperandsThatAreZeroOnEveryPathAreKnownZero() {
    WasmModule module =
        WasmModule.parseText(
            """
            (module
              (func (param $p v128) (param $c i32) (local $z v128) (local $w v128) (local $u v128)
                (local.set $w (v128.const i64x2 0 0))
                (local.set $u (if (result v128) (local.get $c)
                  (then (v128.const i64x2 0 0)) (else (local.get $p))))
                (drop (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
                  (local.get $z) (i32x4.add (local.get $w) (local.get $p))))
                (drop (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
                  (local.get $u) (local.get $p)))
                (drop (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
                  (local.tee $z (v128.const i64x2 0 0)) (v128.const i64x2 0 1)))))
            """);
    FunctionDefinition f = module.functions().get(0);
    java.util.List<dev.cortado.wasm.ValType> locals = new java.util.ArrayList<>();
    locals.addAll(module.functionType(0).params());
    locals.addAll(f.locals());
    ZeroVectors zeros = new ZeroVectors(f.body(), locals, 2);
    int[] shuffles =
        java.util.stream.IntStream.range(0, f.body().size())
            .filter(i -> f.body().get(i).opcode() == dev.cortado.wasm.code.Opcode.I8X16_SHUFFLE)
            .toArray();
    assertThat(shuffles).hasSize(3);
    // $z (never set but to zero) under an add of $w (zero) and the parameter: only $z is zero.
    assertThat(zeros.isZero(shuffles[0], 1)).isTrue();
    assertThat(zeros.isZero(shuffles[0], 0)).isFalse();
    // $u is set after an `end`: not known, however its branches look; a parameter never is.
    assertThat(zeros.isZero(shuffles[1], 1)).isFalse();
    assertThat(zeros.isZero(shuffles[1], 0)).isFalse();
    // A tee of the zero constant, and a constant that is not zero.
    assertThat(zeros.isZero(shuffles[2], 1)).isTrue();
    assertThat(zeros.isZero(shuffles[2], 0)).isFalse();
  }
}

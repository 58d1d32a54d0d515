package dev.cortado.runtime.internal.compiler;

import static java.lang.constant.ConstantDescs.CD_long;

import dev.cortado.runtime.internal.simd.V128;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.MethodTypeDesc;
import java.util.List;

/**
 * The byte permutations for {@link SimdEmitter}: {@code i8x16.shuffle}, whose lanes are constants,
 * as shifts and masks of its runs of bytes, or with the Vector API by its {@link ShufflePlan} where
 * that is cheaper than the generic two-vector select; and {@code i8x16.swizzle} without the Vector
 * API, whose lanes are an operand.
 */
final class SimdShuffleEmitter {
  private final FunctionCompiler fc;
  private final SimdEmitter simd;
  private final OperandStack stack;

  /** Which shuffle operands are known zeros; made at the first shuffle. */
  private ZeroVectors zeroVectors;

  SimdShuffleEmitter(FunctionCompiler fc, SimdEmitter simd) {
    this.fc = fc;
    this.simd = simd;
    this.stack = fc.stack();
  }

  private CodeBuilder cb() {
    return fc.cb();
  }

  /**
   * {@code i8x16.shuffle} of the two vectors on top of the JVM stack by its {@link ShufflePlan}, if
   * that is cheaper than the generic two-vector select; the operands stay on the stack otherwise.
   */
  boolean shuffleByPlan(int[] lanes) {
    if (zeroVectors == null) {
      WasmModule module = fc.module();
      List<Instruction> body =
          module.functions().get(fc.funcIndex() - module.importedFunctionCount()).body();
      zeroVectors = new ZeroVectors(body, fc.localTypes(), fc.type().params().size());
    }
    int at = fc.currentIndex();
    ShufflePlan plan = ShufflePlan.of(lanes, zeroVectors.isZero(at, 1), zeroVectors.isZero(at, 0));
    if (plan.kind() == ShufflePlan.Kind.TWO) {
      return false;
    }
    if (plan.source() == 1) {
      cb().swap();
    }
    cb().pop();
    String method =
        switch (plan.kind()) {
          case ZERO -> {
            cb().pop();
            cb().iconst_0();
            yield "i32x4Splat";
          }
          case KEEP -> null;
          case EXTEND -> plan.method();
          default -> {
            cb().loadConstant(plan.lanesLow());
            cb().loadConstant(plan.lanesHigh());
            if (!plan.zeroes()) {
              yield "i8x16ShuffleOne";
            }
            cb().loadConstant(plan.keepLow());
            cb().loadConstant(plan.keepHigh());
            yield "i8x16ShuffleOneZeroing";
          }
        };
    if (method != null) {
      SimdEmitter.VectorMethod m = SimdEmitter.vectorMethod(method);
      JvmTypes.vectorCall(cb(), m.owner(), m.name(), m.desc());
    }
    stack.pop(2);
    stack.push(ValType.V128);
    return true;
  }

  /**
   * {@code i8x16.shuffle}: each result half is the OR of its runs of bytes (see {@link
   * #shuffleRuns}), shifted out of their operand halves and masked. Compilers' shuffles
   * (interleaves, extensions, reductions) have few runs; even 13 runs measured faster than the
   * Vector API's two-vector select with packing (the {@code dot} kernel) and far faster than the
   * lane loop of {@code V128.shuffle}. At most 16 runs, which CodeShape's estimate allows for.
   */
  void shuffle(int[] lanes) {
    shuffleByRuns(simd.take(2), shuffleRuns(lanes));
  }

  /**
   * The runs of a shuffle: maximal stretches of result bytes, within one result half, that come
   * from consecutive bytes of one half of one operand. Each is {@code {result byte (0 to 15),
   * operand (0 or 1), operand byte (0 to 15), length}}. Byte-granular lane patterns, typical of
   * compilers' interleaves and extensions, have few of them.
   */
  private static List<int[]> shuffleRuns(int[] lanes) {
    List<int[]> runs = new java.util.ArrayList<>();
    int[] run = null;
    for (int i = 0; i < 16; i++) {
      int operand = lanes[i] >> 4;
      int b = lanes[i] & 15;
      if (run != null && i % 8 != 0 && run[1] == operand && run[2] + run[3] == b && b % 8 != 0) {
        run[3]++;
      } else {
        run = new int[] {i, operand, b, 1};
        runs.add(run);
      }
    }
    return runs;
  }

  /** Each result half: the OR of its runs, each shifted out of its operand half and masked. */
  private void shuffleByRuns(int[] s, List<int[]> runs) {
    for (int h = 0; h < 2; h++) {
      boolean first = true;
      for (int[] r : runs) {
        if (r[0] / 8 != h) {
          continue;
        }
        int to = r[0] % 8;
        int from = r[2] % 8;
        int length = r[3];
        simd.half(s[r[1]], r[2] / 8);
        if (from > 0) {
          cb().bipush(8 * from);
          cb().lushr();
        }
        if (length < 8) {
          cb().loadConstant((1L << (8 * length)) - 1);
          cb().land();
        }
        if (to > 0) {
          cb().bipush(8 * to);
          cb().lshl();
        }
        if (!first) {
          cb().lor();
        }
        first = false;
      }
    }
    simd.pushPair();
  }

  /** {@code i8x16.swizzle}: each result half is the bytes of the first operand its half selects. */
  void swizzle() {
    int[] s = simd.take(2);
    MethodTypeDesc d = MethodTypeDesc.of(CD_long, CD_long, CD_long, CD_long);
    simd.lo(s[0]);
    simd.hi(s[0]);
    simd.lo(s[1]);
    simd.call(V128.class, "swizzle", d);
    simd.lo(s[0]);
    simd.hi(s[0]);
    simd.hi(s[1]);
    simd.call(V128.class, "swizzle", d);
    simd.pushPair();
  }
}

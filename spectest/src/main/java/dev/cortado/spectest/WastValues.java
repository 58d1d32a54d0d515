package dev.cortado.spectest;

import dev.cortado.runtime.Value;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.internal.wast.WastValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a script's constants into runtime values and checks results against expectations, as the
 * reference interpreter's {@code script/run.ml} does ({@code assert_result}): numbers by exact bit
 * pattern, NaN patterns by their bits, references by identity.
 *
 * <p>One instance per script: it keeps the host objects that stand for {@code (ref.extern N)}, so
 * that the same N is the same object everywhere in the script.
 */
final class WastValues {
  private static final int F32_CANONICAL_NAN = 0x7fc0_0000;
  private static final long F64_CANONICAL_NAN = 0x7ff8_0000_0000_0000L;

  private final Map<Long, ExternRef> externs = new HashMap<>();

  /** The host object a script's {@code (ref.extern N)} stands for. */
  static final class ExternRef {
    private final long id;

    private ExternRef(long id) {
      this.id = id;
    }

    @Override
    public String toString() {
      return "ref.extern " + id;
    }
  }

  /** The host object for {@code (ref.extern id)}: the same object for the same id. */
  ExternRef extern(long id) {
    return externs.computeIfAbsent(id, ExternRef::new);
  }

  /** The runtime value of an action's argument. */
  Value argument(WastValue v) {
    return switch (v) {
      case WastValue.I32(int x) -> Value.i32(x);
      case WastValue.I64(long x) -> Value.i64(x);
      case WastValue.F32(int bits) -> Value.f32Bits(bits);
      case WastValue.F64(long bits) -> Value.f64Bits(bits);
      case WastValue.RefNull(String heapType) -> Value.nullRef(nullType(heapType));
      case WastValue.RefExtern(Long id) when id != null -> Value.externref(extern(id));
      case WastValue.V128 vector when isConstant(vector) -> {
        long[] bits = vector.bits();
        yield Value.v128(bits[0], bits[1]);
      }
      case WastValue.Unsupported(String what) -> throw new CommandFailed(unsupported(what));
      default -> throw new CommandFailed("not an argument: " + describe(v));
    };
  }

  /** Whether {@code actual} is what {@code expected} allows. */
  boolean matches(Value actual, WastValue expected) {
    return switch (expected) {
      case WastValue.I32(int x) -> actual.type() == ValType.I32 && actual.asInt() == x;
      case WastValue.I64(long x) -> actual.type() == ValType.I64 && actual.asLong() == x;
      case WastValue.F32(int bits) -> actual.type() == ValType.F32 && actual.asInt() == bits;
      case WastValue.F64(long bits) -> actual.type() == ValType.F64 && actual.asLong() == bits;
      case WastValue.NanPattern(ValType type, boolean canonical) ->
          actual.type() == type && isNan(actual, canonical);
      case WastValue.RefNull(String heapType) ->
          actual.type() == nullType(heapType) && actual.ref() == null;
      case WastValue.RefExtern(Long id) ->
          actual.type() == ValType.EXTERNREF
              && actual.ref() != null
              && (id == null || actual.ref() == extern(id));
      case WastValue.RefFunc() -> actual.type() == ValType.FUNCREF && actual.ref() != null;
      case WastValue.Either(List<WastValue> alternatives) ->
          alternatives.stream().anyMatch(alternative -> matches(actual, alternative));
      case WastValue.V128 vector -> actual.type() == ValType.V128 && lanesMatch(actual, vector);
      case WastValue.Unsupported(String what) -> throw new CommandFailed(unsupported(what));
    };
  }

  private static boolean isConstant(WastValue.V128 vector) {
    return vector.lanes().stream().noneMatch(lane -> lane instanceof WastValue.NanPattern);
  }

  /**
   * A v128 result against {@code (v128.const shape lane*)}: lane by lane, each lane's bits against
   * the expected constant or NaN pattern (the reference interpreter's {@code VecPat}).
   */
  private static boolean lanesMatch(Value actual, WastValue.V128 expected) {
    List<WastValue> lanes = expected.lanes();
    int width = 128 / lanes.size();
    long mask = width == 64 ? -1L : (1L << width) - 1;
    for (int i = 0; i < lanes.size(); i++) {
      int bit = i * width;
      long half = bit < 64 ? actual.v128Low() : actual.v128High();
      long lane = (half >>> (bit % 64)) & mask;
      boolean ok =
          switch (lanes.get(i)) {
            case WastValue.I32(int x) -> lane == (x & mask);
            case WastValue.I64(long x) -> lane == x;
            case WastValue.F32(int x) -> lane == (x & mask);
            case WastValue.F64(long x) -> lane == x;
            case WastValue.NanPattern(ValType type, boolean canonical) ->
                isNan(
                    type == ValType.F32 ? Value.f32Bits((int) lane) : Value.f64Bits(lane),
                    canonical);
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a float is a NaN of the pattern: {@code nan:canonical} is a NaN whose payload is
   * exactly the quiet bit, of either sign; {@code nan:arithmetic} is any NaN with the quiet bit set
   * (spec 4.3.3, "canonical NaN" and "arithmetic NaN").
   */
  private static boolean isNan(Value v, boolean canonical) {
    if (v.type() == ValType.F32) {
      int bits = v.asInt();
      return canonical
          ? (bits & 0x7fff_ffff) == F32_CANONICAL_NAN
          : (bits & F32_CANONICAL_NAN) == F32_CANONICAL_NAN;
    }
    long bits = v.asLong();
    return canonical
        ? (bits & 0x7fff_ffff_ffff_ffffL) == F64_CANONICAL_NAN
        : (bits & F64_CANONICAL_NAN) == F64_CANONICAL_NAN;
  }

  /**
   * The value type of {@code (ref.null heapType)}. WebAssembly 2.0 has only {@code func} and {@code
   * extern}; the bottom types {@code nofunc} and {@code noextern} of 3.0 are nulls of the same
   * hierarchies. Other heap types belong to proposals Cortado does not run yet.
   */
  private static ValType nullType(String heapType) {
    return switch (heapType) {
      case "func", "nofunc" -> ValType.FUNCREF;
      case "extern", "noextern" -> ValType.EXTERNREF;
      case "exn", "noexn" -> throw new CommandFailed("unsupported: exceptions");
      default -> throw new CommandFailed("unsupported: gc (ref.null " + heapType + ")");
    };
  }

  /** The reason for a value form Cortado cannot run: {@code unsupported: ...}. */
  static String unsupported(String what) {
    return what.startsWith("unsupported") ? what : "unsupported: " + what;
  }

  /** A runtime value in words, e.g. {@code i32:42} or {@code f32:0x3fc00000(1.5)}. */
  static String describe(Value v) {
    return switch (v.type()) {
      case I32 -> "i32:" + v.asInt();
      case I64 -> "i64:" + v.asLong();
      case F32 -> "f32:0x" + Integer.toHexString(v.asInt()) + "(" + v.asFloat() + ")";
      case F64 -> "f64:0x" + Long.toHexString(v.asLong()) + "(" + v.asDouble() + ")";
      case V128 -> String.format("v128:0x%016x_%016x", v.v128High(), v.v128Low());
      case FUNCREF -> v.ref() == null ? "ref.null func" : "ref.func";
      case EXTERNREF -> v.ref() == null ? "ref.null extern" : String.valueOf(v.ref());
    };
  }

  /** An expected value or argument in words, in the same style as {@link #describe(Value)}. */
  static String describe(WastValue v) {
    return switch (v) {
      case WastValue.I32(int x) -> "i32:" + x;
      case WastValue.I64(long x) -> "i64:" + x;
      case WastValue.F32(int bits) ->
          "f32:0x" + Integer.toHexString(bits) + "(" + Float.intBitsToFloat(bits) + ")";
      case WastValue.F64(long bits) ->
          "f64:0x" + Long.toHexString(bits) + "(" + Double.longBitsToDouble(bits) + ")";
      case WastValue.NanPattern(ValType type, boolean canonical) ->
          type + ":nan:" + (canonical ? "canonical" : "arithmetic");
      case WastValue.RefNull(String heapType) -> "ref.null " + heapType;
      case WastValue.RefExtern(Long id) -> id == null ? "ref.extern" : "ref.extern " + id;
      case WastValue.RefFunc() -> "ref.func";
      case WastValue.V128(String shape, List<WastValue> lanes) ->
          "v128:" + shape + lanes.stream().map(WastValues::describe).toList();
      case WastValue.Either(List<WastValue> alternatives) ->
          alternatives.stream()
              .map(WastValues::describe)
              .collect(Collectors.joining(" | ", "either(", ")"));
      case WastValue.Unsupported(String what) -> what;
    };
  }

  /** {@code [a, b]} of runtime values. */
  static String describeValues(Value[] values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(describe(values[i]));
    }
    return sb.append(']').toString();
  }

  /** {@code [a, b]} of expected values. */
  static String describeExpected(List<WastValue> values) {
    return values.stream().map(WastValues::describe).collect(Collectors.joining(", ", "[", "]"));
  }
}

package dev.cortado.wasm.internal.text;

import dev.cortado.wasm.ValType;
import dev.cortado.wasm.internal.wast.WastValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The lanes of a script's {@code (v128.const shape lane*)} (SIMD values in .wast scripts). Lanes of
 * {@code i8x16} and {@code i16x8} are {@link WastValue.I32}s holding the lane's bits sign-extended
 * (so {@code 255} and {@code -1} are the same i8 lane); float lanes may be NaN patterns in results.
 */
final class V128Values {
  private V128Values() {}

  /** After {@code v128.const}: the shape and its lanes, up to (not including) the {@code )}. */
  static WastValue parse(TokenStream in) {
    Token shape = in.next();
    int lanes = laneCount(shape, in);
    List<WastValue> values = new ArrayList<>();
    while (!in.atRpar()) {
      Token t = in.next();
      if (values.size() == lanes) {
        throw TokenStream.error(t, "wrong number of lane literals");
      }
      values.add(lane(shape.text(), t, in));
    }
    if (values.size() != lanes) {
      throw TokenStream.error(shape, "wrong number of lane literals");
    }
    return new WastValue.V128(shape.text(), values);
  }

  /** The number of lanes of the shape {@code shape} names ({@code i8x16}: 16, ...). */
  static int laneCount(Token shape, TokenStream in) {
    return switch (shape.text()) {
      case "i8x16" -> 16;
      case "i16x8" -> 8;
      case "i32x4", "f32x4" -> 4;
      case "i64x2", "f64x2" -> 2;
      default -> throw in.unexpected(shape);
    };
  }

  /**
   * One lane literal of {@code shape} (spec 6.5.x "Vector instructions"): an i8 or i16 lane takes
   * -2^(n-1) to 2^n-1 like the other integers, a float lane any float literal; in results a float
   * lane may also be a NaN pattern.
   */
  static WastValue lane(String shape, Token t, TokenStream in) {
    boolean floatShape = shape.startsWith("f");
    if (floatShape && (t.isKeyword("nan:canonical") || t.isKeyword("nan:arithmetic"))) {
      ValType type = shape.equals("f32x4") ? ValType.F32 : ValType.F64;
      return new WastValue.NanPattern(type, t.text().equals("nan:canonical"));
    }
    if (!t.isNumber()) {
      throw in.unexpected(t);
    }
    WastValue value =
        switch (shape) {
          case "i8x16", "i16x8" -> {
            Integer n = NumberParser.narrow(t.text(), shape.equals("i8x16") ? 8 : 16);
            yield n == null ? null : new WastValue.I32(n);
          }
          case "i32x4" -> {
            Integer n = NumberParser.i32(t.text());
            yield n == null ? null : new WastValue.I32(n);
          }
          case "i64x2" -> {
            Long n = NumberParser.i64(t.text());
            yield n == null ? null : new WastValue.I64(n);
          }
          case "f32x4" -> {
            Long bits = NumberParser.f32(t.text());
            yield bits == null ? null : new WastValue.F32((int) (long) bits);
          }
          default -> {
            Long bits = NumberParser.f64(t.text());
            yield bits == null ? null : new WastValue.F64(bits);
          }
        };
    if (value == null) {
      throw TokenStream.error(t, "constant out of range");
    }
    return value;
  }
}

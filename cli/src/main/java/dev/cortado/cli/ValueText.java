package dev.cortado.cli;

import dev.cortado.runtime.Value;
import dev.cortado.wasm.ValType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Values on the command line: {@code --invoke} arguments parsed by parameter type, results printed
 * as wasmtime prints them (Rust's {@code Display}: integers signed in decimal, floats in the
 * shortest decimal that reads back to the same value, never with an exponent; {@code NaN}, {@code
 * inf}, {@code -inf}; a v128 as one unsigned 128-bit integer in decimal).
 */
final class ValueText {
  private static final Pattern DECIMAL_INT = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern HEX_INT = Pattern.compile("[+-]?0[xX][0-9a-fA-F]+");
  private static final Pattern DECIMAL_FLOAT =
      Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern HEX_FLOAT =
      Pattern.compile(
          "[+-]?0[xX]([0-9a-fA-F]+(\\.[0-9a-fA-F]*)?|\\.[0-9a-fA-F]+)([pP][+-]?[0-9]+)?");

  private static final BigInteger I32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger I64_MIN = BigInteger.valueOf(Long.MIN_VALUE);

  private ValueText() {}

  /**
   * Parses {@code text} as a value of {@code type}: integers in decimal or {@code 0x} hex, signed
   * or unsigned (so {@code -1} and {@code 4294967295} are the same i32); floats in decimal or hex,
   * and {@code nan}, {@code inf}, {@code -inf}; a v128 as an unsigned 128-bit integer in decimal or
   * hex (byte 0 of the vector is its lowest byte). Throws {@link IllegalArgumentException} if it is
   * not one.
   */
  static Value parse(ValType type, String text) {
    return switch (type) {
      case I32 -> Value.i32((int) integer(text, 32));
      case I64 -> Value.i64(integer(text, 64));
      case F32 -> Value.f32(Float.parseFloat(floatText(text)));
      case F64 -> Value.f64(Double.parseDouble(floatText(text)));
      case V128 -> v128(text);
      case FUNCREF, EXTERNREF ->
          throw new IllegalArgumentException("cannot pass a " + type + " from the command line");
    };
  }

  private static Value v128(String text) {
    BigInteger value;
    if (DECIMAL_INT.matcher(text).matches() && !text.startsWith("-") && !text.startsWith("+")) {
      value = new BigInteger(text);
    } else if (HEX_INT.matcher(text).matches() && text.startsWith("0")) {
      value = new BigInteger(text.substring(2), 16);
    } else {
      throw new IllegalArgumentException("not an unsigned 128-bit integer");
    }
    if (value.bitLength() > 128) {
      throw new IllegalArgumentException("out of range");
    }
    return Value.v128(value.longValue(), value.shiftRight(64).longValue());
  }

  /** A v128 as an unsigned 128-bit integer in decimal, as wasmtime prints it. */
  private static String formatV128(Value v) {
    BigInteger high = new BigInteger(Long.toUnsignedString(v.v128High()));
    BigInteger low = new BigInteger(Long.toUnsignedString(v.v128Low()));
    return high.shiftLeft(64).or(low).toString();
  }

  /** An integer of {@code bits} bits, signed or unsigned, as the low bits of a long. */
  private static long integer(String text, int bits) {
    BigInteger value;
    if (DECIMAL_INT.matcher(text).matches()) {
      value = new BigInteger(text);
    } else if (HEX_INT.matcher(text).matches()) {
      boolean negative = text.startsWith("-");
      int digits = text.indexOf('x') + text.indexOf('X') + 2;
      value = new BigInteger(text.substring(digits), 16);
      value = negative ? value.negate() : value;
    } else {
      throw new IllegalArgumentException("not an integer");
    }
    BigInteger min = bits == 32 ? I32_MIN : I64_MIN;
    BigInteger unsignedMax = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    if (value.compareTo(min) < 0 || value.compareTo(unsignedMax) > 0) {
      throw new IllegalArgumentException("out of range");
    }
    return value.longValue();
  }

  /** {@code text} in the form Java's float parsers accept, or an exception if it is no float. */
  private static String floatText(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
    String sign = lower.startsWith("-") ? "-" : "";
    switch (unsigned) {
      case "nan" -> {
        return sign + "NaN";
      }
      case "inf", "infinity" -> {
        return sign + "Infinity";
      }
      default -> {}
    }
    if (DECIMAL_FLOAT.matcher(text).matches()) {
      return text;
    }
    if (HEX_FLOAT.matcher(text).matches()) {
      // Java's parser insists on the binary exponent that the text format lets one omit.
      return lower.contains("p") ? text : text + "p0";
    }
    throw new IllegalArgumentException("not a number");
  }

  /** A result as wasmtime prints it. */
  static String format(Value v) {
    return switch (v.type()) {
      case I32 -> Integer.toString(v.asInt());
      case I64 -> Long.toString(v.asLong());
      case F32 -> formatFloat(v.asFloat());
      case F64 -> formatDouble(v.asDouble());
      case V128 -> formatV128(v);
      case FUNCREF -> v.ref() == null ? "<null funcref>" : "<funcref>";
      case EXTERNREF -> v.ref() == null ? "<null externref>" : "<externref>";
    };
  }

  static String formatFloat(float f) {
    if (Float.isNaN(f)) {
      return "NaN";
    }
    if (Float.isInfinite(f)) {
      return f > 0 ? "inf" : "-inf";
    }
    BigDecimal d =
        shortest(
            new BigDecimal(Float.toString(f)),
            new BigDecimal(f),
            c -> Float.parseFloat(c.toString()) == f);
    return plain(d, Math.copySign(1f, f) < 0);
  }

  static String formatDouble(double f) {
    if (Double.isNaN(f)) {
      return "NaN";
    }
    if (Double.isInfinite(f)) {
      return f > 0 ? "inf" : "-inf";
    }
    BigDecimal d =
        shortest(
            new BigDecimal(Double.toString(f)),
            new BigDecimal(f),
            c -> Double.parseDouble(c.toString()) == f);
    return plain(d, Math.copySign(1d, f) < 0);
  }

  /**
   * Java's {@code toString} gives the shortest decimal that reads back, except that where one digit
   * would do it may give two (its javadoc: of the decimals of length 1 or 2, the closest). Rust
   * gives the shortest, so this tries the one-digit neighbours and keeps the closer one that reads
   * back.
   */
  private static BigDecimal shortest(
      BigDecimal javaDigits, BigDecimal exact, Predicate<BigDecimal> readsBack) {
    if (javaDigits.precision() != 2) {
      return javaDigits;
    }
    BigDecimal best = null;
    for (RoundingMode mode : List.of(RoundingMode.FLOOR, RoundingMode.CEILING)) {
      BigDecimal candidate = javaDigits.round(new MathContext(1, mode));
      if (readsBack.test(candidate)
          && (best == null
              || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
        best = candidate;
      }
    }
    return best != null ? best : javaDigits;
  }

  /** Without exponent or trailing zeros; {@code -0} keeps its sign, as in Rust. */
  private static String plain(BigDecimal d, boolean negative) {
    if (d.signum() == 0) {
      return negative ? "-0" : "0";
    }
    return d.stripTrailingZeros().toPlainString();
  }
}

package dev.cortado.wasm.internal.text;

import java.math.BigInteger;

/**
 * The values of number tokens (spec 6.3.2): integers of 32 and 64 bits and floats rounded to
 * nearest, ties to even (spec 6.3.2 "Floating-Point"), exactly, from decimal or hexadecimal
 * notation, including subnormals.
 *
 * <p>Every method takes the token text as the lexer accepted it (underscores included) and returns
 * null when the value is out of range, never throwing.
 */
final class NumberParser {
  private static final BigInteger TWO_32 = BigInteger.ONE.shiftLeft(32);
  private static final BigInteger TWO_31 = BigInteger.ONE.shiftLeft(31);
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);

  /** The binary interchange formats: f32 and f64. */
  enum FloatFormat {
    F32(23, 8),
    F64(52, 11);

    final int mantissaBits;
    final int exponentBits;

    FloatFormat(int mantissaBits, int exponentBits) {
      this.mantissaBits = mantissaBits;
      this.exponentBits = exponentBits;
    }

    long exponentMask() {
      return ((1L << exponentBits) - 1) << mantissaBits;
    }

    long signBit() {
      return 1L << (mantissaBits + exponentBits);
    }

    /** The canonical NaN: only the top mantissa bit set (spec 4.3.3). */
    long canonicalNan() {
      return exponentMask() | (1L << (mantissaBits - 1));
    }
  }

  private NumberParser() {}

  /** An unsigned integer literal, or null if it is not one. Any size. */
  static BigInteger nat(String text) {
    String s = text.replace("_", "");
    if (s.isEmpty() || s.charAt(0) == '+' || s.charAt(0) == '-') {
      return null;
    }
    try {
      if (s.startsWith("0x")) {
        return s.length() > 2 ? new BigInteger(s.substring(2), 16) : null;
      }
      return new BigInteger(s, 10);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A signed or unsigned integer literal, or null. */
  private static BigInteger integer(String text) {
    if (text.isEmpty()) {
      return null;
    }
    char c = text.charAt(0);
    if (c == '+' || c == '-') {
      BigInteger n = nat(text.substring(1));
      return n == null ? null : c == '-' ? n.negate() : n;
    }
    return nat(text);
  }

  /** An index, limit or offset (spec {@code u32}): an unsigned literal below 2^32, or null. */
  static Long u32(String text) {
    BigInteger n = nat(text);
    return n != null && n.compareTo(TWO_32) < 0 ? n.longValue() : null;
  }

  /** An {@code i32} literal: -2^31 to 2^32-1 (spec 6.5.x: signed or unsigned), or null. */
  static Integer i32(String text) {
    BigInteger n = integer(text);
    if (n == null || n.compareTo(TWO_32) >= 0 || n.compareTo(TWO_31.negate()) < 0) {
      return null;
    }
    return n.intValue();
  }

  /**
   * An integer literal of {@code bits} bits (8 or 16, for SIMD lanes): -2^(bits-1) to 2^bits-1,
   * sign-extended from {@code bits}; or null.
   */
  static Integer narrow(String text, int bits) {
    BigInteger n = integer(text);
    if (n == null
        || n.compareTo(BigInteger.ONE.shiftLeft(bits)) >= 0
        || n.compareTo(BigInteger.ONE.shiftLeft(bits - 1).negate()) < 0) {
      return null;
    }
    int shift = 32 - bits;
    return (n.intValue() << shift) >> shift;
  }

  /** An {@code i64} literal: -2^63 to 2^64-1, or null. */
  static Long i64(String text) {
    BigInteger n = integer(text);
    if (n == null || n.compareTo(TWO_64) >= 0 || n.compareTo(TWO_63.negate()) < 0) {
      return null;
    }
    return n.longValue();
  }

  /** The bits of an {@code f32} literal (in the low 32 bits), or null if out of range. */
  static Long f32(String text) {
    return floatBits(text, FloatFormat.F32);
  }

  /** The bits of an {@code f64} literal, or null if out of range. */
  static Long f64(String text) {
    return floatBits(text, FloatFormat.F64);
  }

  /**
   * The bits of a float literal: any number token (integers are floats too), {@code inf}, {@code
   * nan} or {@code nan:0x...}; null if the value rounds to infinity or a NaN payload does not fit.
   */
  static Long floatBits(String text, FloatFormat format) {
    try {
      return floatBitsOrThrow(text, format);
    } catch (NumberFormatException e) {
      return null; // not a number token at all; callers pass only lexed numbers
    }
  }

  private static Long floatBitsOrThrow(String text, FloatFormat format) {
    if (text.isEmpty()) {
      return null;
    }
    boolean negative = text.charAt(0) == '-';
    String s = text.charAt(0) == '-' || text.charAt(0) == '+' ? text.substring(1) : text;
    s = s.replace("_", "");
    Long magnitude;
    if (s.equals("inf")) {
      magnitude = format.exponentMask();
    } else if (s.equals("nan")) {
      magnitude = format.canonicalNan();
    } else if (s.startsWith("nan:0x")) {
      BigInteger payload = nat(s.substring(4));
      if (payload == null || payload.signum() == 0 || payload.bitLength() > format.mantissaBits) {
        return null;
      }
      magnitude = format.exponentMask() | payload.longValue();
    } else if (s.startsWith("0x")) {
      magnitude = hexFloat(s.substring(2), format);
    } else {
      magnitude = decimalFloat(s, format);
    }
    if (magnitude == null) {
      return null;
    }
    return negative ? magnitude | format.signBit() : magnitude;
  }

  /** {@code hexdigits[.hexdigits][p[+-]digits]} without the {@code 0x}. */
  private static Long hexFloat(String s, FloatFormat format) {
    int p = indexOfAny(s, 'p', 'P');
    String mantissa = p < 0 ? s : s.substring(0, p);
    long exponent = p < 0 ? 0 : clampedExponent(s.substring(p + 1));
    int dot = mantissa.indexOf('.');
    String digits = dot < 0 ? mantissa : mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    int fractionDigits = dot < 0 ? 0 : mantissa.length() - dot - 1;
    if (digits.isEmpty()) {
      return null;
    }
    BigInteger m = new BigInteger(digits, 16);
    if (m.signum() == 0) {
      return 0L;
    }
    long binaryExponent = exponent - 4L * fractionDigits;
    long magnitude = m.bitLength() + binaryExponent;
    if (magnitude > 2000) {
      return null;
    }
    if (magnitude < -2000) {
      return 0L;
    }
    return binaryExponent >= 0
        ? round(m.shiftLeft((int) binaryExponent), BigInteger.ONE, format)
        : round(m, BigInteger.ONE.shiftLeft((int) -binaryExponent), format);
  }

  /** {@code digits[.digits][e[+-]digits]}. */
  private static Long decimalFloat(String s, FloatFormat format) {
    int e = indexOfAny(s, 'e', 'E');
    String mantissa = e < 0 ? s : s.substring(0, e);
    long exponent = e < 0 ? 0 : clampedExponent(s.substring(e + 1));
    int dot = mantissa.indexOf('.');
    String digits = dot < 0 ? mantissa : mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    int fractionDigits = dot < 0 ? 0 : mantissa.length() - dot - 1;
    if (digits.isEmpty()) {
      return null;
    }
    BigInteger m = new BigInteger(digits, 10);
    if (m.signum() == 0) {
      return 0L;
    }
    long decimalExponent = exponent - fractionDigits;
    // The value is below 10^(precision + decimalExponent); f64 spans about 10^-324 to 10^308.
    long magnitude = m.toString().length() + decimalExponent;
    if (magnitude > 400) {
      return null;
    }
    if (magnitude < -400) {
      return 0L;
    }
    return decimalExponent >= 0
        ? round(m.multiply(BigInteger.TEN.pow((int) decimalExponent)), BigInteger.ONE, format)
        : round(m, BigInteger.TEN.pow((int) -decimalExponent), format);
  }

  /** An exponent's value, clamped far beyond any that can matter so that it fits a long. */
  private static long clampedExponent(String s) {
    BigInteger n = new BigInteger(s, 10);
    BigInteger limit = BigInteger.valueOf(1_000_000);
    return n.max(limit.negate()).min(limit).longValue();
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    return i >= 0 ? i : s.indexOf(b);
  }

  /**
   * Rounds the positive rational {@code num / den} to the nearest value of {@code format}, ties to
   * even: the bits of the result, or null if it rounds to infinity.
   */
  static Long round(BigInteger num, BigInteger den, FloatFormat format) {
    int precision = format.mantissaBits + 1;
    int bias = (1 << (format.exponentBits - 1)) - 1;
    // The value is q * 2^e with q an integer of `precision` bits; e is at least the exponent of
    // the smallest subnormal.
    long minExponent = 1 - bias - format.mantissaBits;
    long e = (long) num.bitLength() - den.bitLength() - precision;
    BigInteger q = scaledQuotient(num, den, e);
    if (q.bitLength() > precision) {
      e++;
    } else if (q.bitLength() < precision) {
      e--;
    }
    if (e < minExponent) {
      e = minExponent;
    }
    BigInteger[] qr = scaledDivision(num, den, e);
    q = qr[0];
    BigInteger twiceRemainder = qr[1].shiftLeft(1);
    BigInteger divisor = e >= 0 ? den.shiftLeft((int) e) : den;
    int cmp = twiceRemainder.compareTo(divisor);
    if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
      q = q.add(BigInteger.ONE);
      if (q.bitLength() > precision) {
        q = q.shiftRight(1);
        e++;
      }
    }
    long mantissa = q.longValue();
    long biased;
    if (q.bitLength() < precision) {
      biased = 0; // subnormal (or zero)
    } else {
      biased = e + format.mantissaBits + bias;
      mantissa &= (1L << format.mantissaBits) - 1;
    }
    if (biased >= (1L << format.exponentBits) - 1) {
      return null;
    }
    return (biased << format.mantissaBits) | mantissa;
  }

  /** floor(num * 2^-e / den). */
  private static BigInteger scaledQuotient(BigInteger num, BigInteger den, long e) {
    return scaledDivision(num, den, e)[0];
  }

  /** Quotient and remainder of (num * 2^-e) / den, the divisor being den * 2^e when e >= 0. */
  private static BigInteger[] scaledDivision(BigInteger num, BigInteger den, long e) {
    if (e >= 0) {
      return num.divideAndRemainder(den.shiftLeft((int) e));
    }
    return num.shiftLeft((int) -e).divideAndRemainder(den);
  }
}

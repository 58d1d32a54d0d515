package dev.cortado.wasm.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberParserTest {
  @Test
  void i32AcceptsSignedAndUnsignedRanges() {
    assertThat(NumberParser.i32("0")).isEqualTo(0);
    assertThat(NumberParser.i32("4294967295")).isEqualTo(-1);
    assertThat(NumberParser.i32("0xffff_ffff")).isEqualTo(-1);
    assertThat(NumberParser.i32("+4294967295")).isEqualTo(-1);
    assertThat(NumberParser.i32("-2147483648")).isEqualTo(Integer.MIN_VALUE);
    assertThat(NumberParser.i32("-0x8000_0000")).isEqualTo(Integer.MIN_VALUE);
    assertThat(NumberParser.i32("1_000_000")).isEqualTo(1_000_000);
    assertThat(NumberParser.i32("4294967296")).isNull();
    assertThat(NumberParser.i32("-2147483649")).isNull();
    assertThat(NumberParser.i32("0x1_0000_0000")).isNull();
    assertThat(NumberParser.i32("1.0")).isNull();
  }

  @Test
  void i64AcceptsSignedAndUnsignedRanges() {
    assertThat(NumberParser.i64("18446744073709551615")).isEqualTo(-1L);
    assertThat(NumberParser.i64("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(NumberParser.i64("0x7fff_ffff_ffff_ffff")).isEqualTo(Long.MAX_VALUE);
    assertThat(NumberParser.i64("18446744073709551616")).isNull();
    assertThat(NumberParser.i64("-9223372036854775809")).isNull();
  }

  @Test
  void u32IsUnsignedOnly() {
    assertThat(NumberParser.u32("4294967295")).isEqualTo(4294967295L);
    assertThat(NumberParser.u32("4294967296")).isNull();
    assertThat(NumberParser.u32("-1")).isNull();
    assertThat(NumberParser.u32("+1")).isNull();
  }

  @Test
  void narrowLanes() {
    assertThat(NumberParser.narrow("255", 8)).isEqualTo(-1);
    assertThat(NumberParser.narrow("-128", 8)).isEqualTo(-128);
    assertThat(NumberParser.narrow("256", 8)).isNull();
    assertThat(NumberParser.narrow("-129", 8)).isNull();
    assertThat(NumberParser.narrow("0xffff", 16)).isEqualTo(-1);
    assertThat(NumberParser.narrow("4294967295", 8)).isNull();
  }

  private static String f32(String text) {
    Long bits = NumberParser.f32(text);
    return bits == null ? "out of range" : String.format("%08x", bits);
  }

  private static String f64(String text) {
    Long bits = NumberParser.f64(text);
    return bits == null ? "out of range" : String.format("%016x", bits);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 00000000",
    "-0.0, 80000000",
    "1, 3f800000",
    "+1.5, 3fc00000",
    "-0x1p-1, bf000000",
    "inf, 7f800000",
    "-inf, ff800000",
    "nan, 7fc00000",
    "-nan, ffc00000",
    "nan:0x1, 7f800001",
    "nan:0x7f_ffff, 7fffffff",
    "-nan:0x200000, ffa00000",
    "nan:0x0, out of range",
    "nan:0x800000, out of range",
    // The largest float and the rounding boundary to infinity.
    "0x1.fffffep127, 7f7fffff",
    "0x1.fffffefffffffp127, 7f7fffff",
    "0x1.ffffffp127, out of range",
    "0x1p128, out of range",
    "340282356779733661637539395458142568447, 7f7fffff",
    "340282356779733661637539395458142568448, out of range",
    "1e39, out of range",
    "3.4028234663852886e38, 7f7fffff",
    // Ties to even, where a double rounding through f64 would go wrong.
    "1.000000059604644775390625, 3f800000",
    "1.000000059604644775390626, 3f800001",
    "1.000000178813934326171875, 3f800002",
    "0x1.000001p0, 3f800000",
    "0x1.0000010000000001p0, 3f800001",
    "0x1.000003p0, 3f800002",
    // Subnormals and underflow.
    "0x1p-149, 00000001",
    "0x1p-150, 00000000",
    "0x1.000001p-150, 00000001",
    "0x1.8p-149, 00000002",
    "0x1p-126, 00800000",
    "0x1.fffffcp-127, 007fffff",
    "0x1.fffffep-127, 00800000",
    "1e-46, 00000000",
    "7.006492321624085e-46, 00000000",
    "7.0064923216240862e-46, 00000001",
    "1.401298464324817e-45, 00000001",
    "1e-1000000000000, 00000000",
    "-0x1p-99999999999999999999, 80000000",
    "0e99999999999, 00000000",
    "1e99999999999, out of range",
    "1_000.000_1, 447a0002",
  })
  void f32Literals(String text, String bits) {
    assertThat(f32(text)).isEqualTo(bits);
  }

  @ParameterizedTest
  @CsvSource({
    "1, 3ff0000000000000",
    "-0, 8000000000000000",
    "nan, 7ff8000000000000",
    "nan:0xf_ffff_ffff_ffff, 7fffffffffffffff",
    "nan:0x10_0000_0000_0000, out of range",
    "0x1.fffffffffffffp1023, 7fefffffffffffff",
    "0x1.fffffffffffff7ffffffp1023, 7fefffffffffffff",
    "0x1.fffffffffffff8p1023, out of range",
    "1e309, out of range",
    "1.7976931348623157e308, 7fefffffffffffff",
    "1.7976931348623158e308, 7fefffffffffffff",
    "0x1p-1074, 0000000000000001",
    "0x1p-1075, 0000000000000000",
    "0x1.0000000000001p-1075, 0000000000000001",
    "2.4703282292062327e-324, 0000000000000000",
    "2.4703282292062328e-324, 0000000000000001",
    "4.9406564584124654e-324, 0000000000000001",
    "2.2250738585072011e-308, 000fffffffffffff",
    "2.2250738585072012e-308, 0010000000000000",
    "0x1.00000000000008p0, 3ff0000000000000",
    "0x1.00000000000018p0, 3ff0000000000002",
    "0x1.000000000000080000000000001p0, 3ff0000000000001",
  })
  void f64Literals(String text, String bits) {
    assertThat(f64(text)).isEqualTo(bits);
  }

  /** Java's own parsing is correctly rounded: decimal and hexadecimal must agree with it. */
  @Test
  void agreesWithJavaOnRandomLiterals() {
    Random random = new Random(42);
    for (int i = 0; i < 4_000; i++) {
      String decimal = randomDecimal(random);
      assertThat(f64(decimal)).as(decimal).isEqualTo(javaF64(decimal));
      float f = Float.parseFloat(decimal);
      assertThat(f32(decimal))
          .as(decimal)
          .isEqualTo(
              Float.isInfinite(f)
                  ? "out of range"
                  : String.format("%08x", Float.floatToRawIntBits(f)));
      String hex = randomHex(random);
      assertThat(f64(hex)).as(hex).isEqualTo(javaF64(hex));
      float fh = Float.parseFloat(hex);
      assertThat(f32(hex))
          .as(hex)
          .isEqualTo(
              Float.isInfinite(fh)
                  ? "out of range"
                  : String.format("%08x", Float.floatToRawIntBits(fh)));
    }
  }

  private static String javaF64(String text) {
    double d = Double.parseDouble(text);
    return Double.isInfinite(d)
        ? "out of range"
        : String.format("%016x", Double.doubleToRawLongBits(d));
  }

  private static String digits(Random random, int max, String alphabet) {
    int n = 1 + random.nextInt(max);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static String randomDecimal(Random random) {
    String s = digits(random, 25, "0123456789");
    if (random.nextBoolean()) {
      s += "." + digits(random, 25, "0123456789");
    }
    return s + "e" + (random.nextInt(700) - 350);
  }

  private static String randomHex(Random random) {
    String s = "0x" + digits(random, 20, "0123456789abcdef");
    if (random.nextBoolean()) {
      s += "." + digits(random, 20, "0123456789abcdef");
    }
    return s + "p" + (random.nextInt(2400) - 1200);
  }
}

package dev.cortado.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cortado.runtime.Value;
import dev.cortado.wasm.ValType;
import org.junit.jupiter.api.Test;

class ValueTextTest {
  @Test
  void integersInDecimalOrHexSignedOrUnsigned() {
    assertThat(ValueText.parse(ValType.I32, "30").asInt()).isEqualTo(30);
    assertThat(ValueText.parse(ValType.I32, "-1").asInt()).isEqualTo(-1);
    assertThat(ValueText.parse(ValType.I32, "4294967295").asInt()).isEqualTo(-1);
    assertThat(ValueText.parse(ValType.I32, "0xff").asInt()).isEqualTo(255);
    assertThat(ValueText.parse(ValType.I32, "0x80000000").asInt()).isEqualTo(Integer.MIN_VALUE);
    assertThat(ValueText.parse(ValType.I64, "-9223372036854775808").asLong())
        .isEqualTo(Long.MIN_VALUE);
    assertThat(ValueText.parse(ValType.I64, "18446744073709551615").asLong()).isEqualTo(-1L);
    assertThat(ValueText.parse(ValType.I64, "0xFFFFFFFFFFFFFFFF").asLong()).isEqualTo(-1L);
  }

  @Test
  void vectorsAreUnsigned128BitIntegers() {
    assertThat(ValueText.parse(ValType.V128, "1")).isEqualTo(Value.v128(1, 0));
    assertThat(ValueText.parse(ValType.V128, "340282366920938463463374607431768211455"))
        .isEqualTo(Value.v128(-1, -1));
    assertThat(ValueText.parse(ValType.V128, "0x0f0e0d0c0b0a09080706050403020100"))
        .isEqualTo(Value.v128(0x0706_0504_0302_0100L, 0x0F0E_0D0C_0B0A_0908L));
    assertThat(ValueText.format(Value.v128(-1, -1)))
        .isEqualTo("340282366920938463463374607431768211455");
    assertThat(ValueText.format(Value.v128(0, 1))).isEqualTo("18446744073709551616");
    for (String bad : new String[] {"-1", "340282366920938463463374607431768211456", "1.0", ""}) {
      assertThatThrownBy(() -> ValueText.parse(ValType.V128, bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void badIntegersAreRejected() {
    for (String bad : new String[] {"abc", "", "1.5", "4294967296", "-2147483649", "0x", "1_000"}) {
      assertThatThrownBy(() -> ValueText.parse(ValType.I32, bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void floatsIncludingNanAndInfinity() {
    assertThat(ValueText.parse(ValType.F64, "1.5").asDouble()).isEqualTo(1.5);
    assertThat(ValueText.parse(ValType.F64, "-inf").asDouble()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(ValueText.parse(ValType.F32, "nan").asFloat()).isNaN();
    assertThat(ValueText.parse(ValType.F32, "0x1.8p1").asFloat()).isEqualTo(3.0f);
    assertThat(ValueText.parse(ValType.F32, "0x10").asFloat()).isEqualTo(16.0f);
    assertThat(ValueText.parse(ValType.F32, "1e3").asFloat()).isEqualTo(1000f);
    for (String bad : new String[] {"1f", "1d", "x", "NaNa", "1e", "--1"}) {
      assertThatThrownBy(() -> ValueText.parse(ValType.F64, bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void referencesCannotBeArguments() {
    assertThatThrownBy(() -> ValueText.parse(ValType.FUNCREF, "0"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resultsPrintAsWasmtimePrintsThem() {
    assertThat(ValueText.format(Value.i32(-5))).isEqualTo("-5");
    assertThat(ValueText.format(Value.i64(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
    assertThat(ValueText.format(Value.f64(5.0))).isEqualTo("5");
    assertThat(ValueText.format(Value.f64(Math.sqrt(2)))).isEqualTo("1.4142135623730951");
    assertThat(ValueText.format(Value.f32(0.1f))).isEqualTo("0.1");
    assertThat(ValueText.format(Value.f32(-0.0f))).isEqualTo("-0");
    assertThat(ValueText.format(Value.f64(1e21))).isEqualTo("1000000000000000000000");
    assertThat(ValueText.format(Value.f64(1.5e-7))).isEqualTo("0.00000015");
    assertThat(ValueText.format(Value.f32(Float.MAX_VALUE)))
        .isEqualTo("340282350000000000000000000000000000000");
    assertThat(ValueText.format(Value.f32(Float.NaN))).isEqualTo("NaN");
    assertThat(ValueText.format(Value.f64(Double.NEGATIVE_INFINITY))).isEqualTo("-inf");
    assertThat(ValueText.format(Value.f64(Double.POSITIVE_INFINITY))).isEqualTo("inf");
    assertThat(ValueText.format(Value.nullRef(ValType.FUNCREF))).isEqualTo("<null funcref>");
    assertThat(ValueText.format(Value.externref("x"))).isEqualTo("<externref>");
  }

  @Test
  void oneDigitWhereOneDigitReadsBack() {
    // Java prints Float.MIN_VALUE as 1.4E-45; the shortest decimal that reads back is 1e-45.
    assertThat(ValueText.format(Value.f32(Float.MIN_VALUE)))
        .isEqualTo("0.000000000000000000000000000000000000000000001");
    assertThat(ValueText.format(Value.f64(Double.MIN_VALUE))).endsWith("00005");
  }
}

package dev.cortado.spectest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cortado.runtime.Value;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.internal.wast.WastValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class WastValuesTest {
  private static final WastValue F64_ZERO = new WastValue.F64(0);

  private final WastValues values = new WastValues();

  private static WastValue.V128 i8x16(int... lanes) {
    return new WastValue.V128(
        "i8x16", java.util.Arrays.stream(lanes).<WastValue>mapToObj(WastValue.I32::new).toList());
  }

  @Test
  void vectorArgumentsPackTheirLanesLittleEndian() {
    assertThat(values.argument(i8x16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, -1)))
        .isEqualTo(Value.v128(0x0706_0504_0302_0100L, 0xFF0E_0D0C_0B0A_0908L));
    WastValue.V128 i16 =
        new WastValue.V128(
            "i16x8",
            List.of(1, -2, 3, 4, 5, 6, 7, 0x8000).stream()
                .<WastValue>map(WastValue.I32::new)
                .toList());
    assertThat(values.argument(i16))
        .isEqualTo(Value.v128(0x0004_0003_FFFE_0001L, 0x8000_0007_0006_0005L));
  }

  @Test
  void vectorResultsMatchLaneByLane() {
    Value v = Value.v128(0x0706_0504_0302_0100L, 0xFF0E_0D0C_0B0A_0908L);
    assertThat(values.matches(v, i8x16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255)))
        .isTrue();
    assertThat(values.matches(v, i8x16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)))
        .isFalse();
    assertThat(values.matches(Value.i64(0), i8x16(new int[16]))).isFalse();
    // f32x4: canonical NaN (either sign), arithmetic NaN, a number.
    Value floats = Value.v128(0xFFC0_0000_7FC0_0000L, 0x3F80_0000_7FA0_0000L);
    WastValue canonical = new WastValue.NanPattern(ValType.F32, true);
    WastValue arithmetic = new WastValue.NanPattern(ValType.F32, false);
    WastValue one = new WastValue.F32(0x3F80_0000);
    assertThat(
            values.matches(
                floats,
                new WastValue.V128("f32x4", List.of(canonical, canonical, arithmetic, one))))
        .isFalse(); // 0x7fa00000 is not quiet
    Value quiet = Value.v128(0xFFC0_0000_7FC0_0000L, 0x3F80_0000_7FE0_0000L);
    assertThat(
            values.matches(
                quiet, new WastValue.V128("f32x4", List.of(canonical, canonical, arithmetic, one))))
        .isTrue();
    assertThat(
            values.matches(
                quiet, new WastValue.V128("f32x4", List.of(canonical, canonical, canonical, one))))
        .isFalse();
    Value doubles = Value.v128(0x7FF8_0000_0000_0000L, 0);
    assertThat(
            values.matches(
                doubles,
                new WastValue.V128(
                    "f64x2", List.of(new WastValue.NanPattern(ValType.F64, true), F64_ZERO))))
        .isTrue();
  }

  @Test
  void integersMatchByValueAndType() {
    assertThat(values.matches(Value.i32(-1), new WastValue.I32(-1))).isTrue();
    assertThat(values.matches(Value.i32(1), new WastValue.I32(2))).isFalse();
    assertThat(values.matches(Value.i64(-1), new WastValue.I32(-1))).isFalse();
    assertThat(values.matches(Value.i64(1L << 40), new WastValue.I64(1L << 40))).isTrue();
  }

  @Test
  void floatsMatchByExactBits() {
    assertThat(values.matches(Value.f32(0.0f), new WastValue.F32(0))).isTrue();
    assertThat(values.matches(Value.f32(-0.0f), new WastValue.F32(0))).isFalse();
    assertThat(
            values.matches(
                Value.f64Bits(0x7ff8_0000_0000_0001L), new WastValue.F64(0x7ff8_0000_0000_0001L)))
        .isTrue();
    assertThat(
            values.matches(
                Value.f64Bits(0x7ff8_0000_0000_0002L), new WastValue.F64(0x7ff8_0000_0000_0001L)))
        .isFalse();
    assertThat(values.matches(Value.f64(1.0), new WastValue.F32(Float.floatToIntBits(1.0f))))
        .isFalse();
  }

  @Test
  void canonicalNanIsOnlyTheQuietBitOfEitherSign() {
    WastValue canonical = new WastValue.NanPattern(ValType.F32, true);
    assertThat(values.matches(Value.f32Bits(0x7fc0_0000), canonical)).isTrue();
    assertThat(values.matches(Value.f32Bits(0xffc0_0000), canonical)).isTrue();
    assertThat(values.matches(Value.f32Bits(0x7fc0_0001), canonical)).isFalse();
    assertThat(values.matches(Value.f32Bits(0x7fa0_0000), canonical)).isFalse();
    assertThat(values.matches(Value.f64Bits(0x7ff8_0000_0000_0000L), canonical)).isFalse();
    WastValue canonical64 = new WastValue.NanPattern(ValType.F64, true);
    assertThat(values.matches(Value.f64Bits(0xfff8_0000_0000_0000L), canonical64)).isTrue();
    assertThat(values.matches(Value.f64Bits(0x7ff8_0000_0000_0001L), canonical64)).isFalse();
  }

  @Test
  void arithmeticNanIsAnyNanWithTheQuietBit() {
    WastValue arithmetic = new WastValue.NanPattern(ValType.F32, false);
    assertThat(values.matches(Value.f32Bits(0x7fc0_0000), arithmetic)).isTrue();
    assertThat(values.matches(Value.f32Bits(0xffc0_1234), arithmetic)).isTrue();
    assertThat(values.matches(Value.f32Bits(0x7fa0_0000), arithmetic)).isFalse(); // signalling
    assertThat(values.matches(Value.f32Bits(0x7f80_0000), arithmetic)).isFalse(); // infinity
    WastValue arithmetic64 = new WastValue.NanPattern(ValType.F64, false);
    assertThat(values.matches(Value.f64Bits(0x7ffc_0000_0000_0000L), arithmetic64)).isTrue();
    assertThat(values.matches(Value.f64Bits(0x7ff4_0000_0000_0000L), arithmetic64)).isFalse();
  }

  @Test
  void eitherMatchesAnyAlternative() {
    WastValue either = new WastValue.Either(List.of(new WastValue.I32(1), new WastValue.I32(2)));
    assertThat(values.matches(Value.i32(2), either)).isTrue();
    assertThat(values.matches(Value.i32(3), either)).isFalse();
    assertThat(WastValues.describe(either)).isEqualTo("either(i32:1 | i32:2)");
  }

  @Test
  void nullReferencesMatchTheirOwnTypeOnly() {
    assertThat(values.matches(Value.nullRef(ValType.FUNCREF), new WastValue.RefNull("func")))
        .isTrue();
    assertThat(values.matches(Value.nullRef(ValType.EXTERNREF), new WastValue.RefNull("func")))
        .isFalse();
    assertThat(values.matches(Value.nullRef(ValType.EXTERNREF), new WastValue.RefNull("extern")))
        .isTrue();
    assertThat(values.matches(Value.nullRef(ValType.FUNCREF), new WastValue.RefFunc())).isFalse();
  }

  @Test
  void externReferencesAreTheSameObjectForTheSameNumber() {
    Value one = values.argument(new WastValue.RefExtern(1L));
    assertThat(one.ref()).isSameAs(values.argument(new WastValue.RefExtern(1L)).ref());
    assertThat(values.matches(one, new WastValue.RefExtern(1L))).isTrue();
    assertThat(values.matches(one, new WastValue.RefExtern(2L))).isFalse();
    assertThat(values.matches(one, new WastValue.RefExtern(null))).isTrue();
    assertThat(values.matches(Value.nullRef(ValType.EXTERNREF), new WastValue.RefExtern(null)))
        .isFalse();
    // Equal-looking objects from elsewhere are not the script's reference.
    assertThat(values.matches(Value.externref("ref.extern 1"), new WastValue.RefExtern(1L)))
        .isFalse();
  }

  @Test
  void argumentsKeepFloatBits() {
    assertThat(values.argument(new WastValue.F32(0x7fa0_0001)).asInt()).isEqualTo(0x7fa0_0001);
    assertThat(values.argument(new WastValue.F64(0xfff4_0000_0000_0001L)).asLong())
        .isEqualTo(0xfff4_0000_0000_0001L);
    assertThat(values.argument(new WastValue.RefNull("extern")).type())
        .isEqualTo(ValType.EXTERNREF);
  }

  @Test
  void unsupportedFormsFailWithTheirReason() {
    assertThatThrownBy(
            () ->
                values.argument(
                    new WastValue.V128(
                        "f64x2", List.of(new WastValue.NanPattern(ValType.F64, true), F64_ZERO))))
        .isInstanceOf(CommandFailed.class)
        .hasMessageStartingWith("not an argument");
    assertThatThrownBy(() -> values.matches(Value.i32(0), new WastValue.Unsupported("gc")))
        .hasMessage("unsupported: gc");
    assertThatThrownBy(() -> values.argument(new WastValue.RefNull("any")))
        .hasMessageStartingWith("unsupported: gc");
    assertThatThrownBy(() -> values.argument(new WastValue.RefNull("exn")))
        .hasMessage("unsupported: exceptions");
    assertThatThrownBy(() -> values.argument(new WastValue.NanPattern(ValType.F32, true)))
        .hasMessageStartingWith("not an argument");
  }

  @Test
  void describesValuesWithTheirBits() {
    assertThat(WastValues.describe(Value.f32(1.5f))).isEqualTo("f32:0x3fc00000(1.5)");
    assertThat(WastValues.describeValues(new Value[] {Value.i32(1), Value.i64(-2)}))
        .isEqualTo("[i32:1, i64:-2]");
    assertThat(WastValues.describe(new WastValue.NanPattern(ValType.F64, false)))
        .isEqualTo("f64:nan:arithmetic");
  }
}

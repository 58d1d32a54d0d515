package dev.cortado.wasm.internal.binary;

import static dev.cortado.wasm.internal.binary.TestBytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cortado.wasm.MalformedModuleException;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.ValType;
import java.util.function.Function;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class ByteReaderTest {
  private static ByteReader reader(int... values) {
    return new ByteReader(bytes(values));
  }

  /** Reads {@code values} whole with {@code read}: nothing may be left over. */
  private static <T> T readAll(Function<ByteReader, T> read, int... values) {
    ByteReader in = reader(values);
    T result = read.apply(in);
    assertThat(in.atEnd()).as("all bytes consumed").isTrue();
    return result;
  }

  private static AbstractThrowableAssert<?, ?> assertMalformed(
      Function<ByteReader, ?> read, String reason, int... values) {
    return assertThatThrownBy(() -> read.apply(reader(values)))
        .isInstanceOf(MalformedModuleException.class)
        .satisfies(e -> assertThat(((MalformedModuleException) e).reason()).isEqualTo(reason));
  }

  @Test
  void u32() {
    assertThat(readAll(ByteReader::u32, 0x00)).isZero();
    assertThat(readAll(ByteReader::u32, 0x7F)).isEqualTo(127);
    assertThat(readAll(ByteReader::u32, 0x80, 0x01)).isEqualTo(128);
    assertThat(readAll(ByteReader::u32, 0xE5, 0x8E, 0x26)).isEqualTo(624485);
    assertThat(readAll(ByteReader::u32, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)).isEqualTo(0xFFFF_FFFFL);
    // Padding with continuation bytes is allowed up to the maximum length.
    assertThat(readAll(ByteReader::u32, 0x80, 0x80, 0x80, 0x80, 0x00)).isZero();
    assertThat(readAll(ByteReader::u32, 0x83, 0x80, 0x80, 0x80, 0x00)).isEqualTo(3);
  }

  @Test
  void u32Malformed() {
    // Unused bits of the fifth byte must be zero.
    assertMalformed(ByteReader::u32, "integer too large", 0xFF, 0xFF, 0xFF, 0xFF, 0x1F)
        .hasMessage("offset 0x4: integer too large");
    assertMalformed(ByteReader::u32, "integer too large", 0x80, 0x80, 0x80, 0x80, 0x70);
    // At most five bytes, even when the fifth's value bits are fine.
    assertMalformed(
        ByteReader::u32, "integer representation too long", 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
    assertMalformed(
        ByteReader::u32, "integer representation too long", 0x8F, 0x80, 0x80, 0x80, 0x8F, 0x00);
    assertMalformed(ByteReader::u32, "unexpected end of section or function", 0x80, 0x80);
    assertMalformed(ByteReader::u32, "unexpected end of section or function");
  }

  @Test
  void index() {
    assertThat(readAll(ByteReader::index, 0x2A)).isEqualTo(42);
    assertThat(readAll(ByteReader::index, 0xFF, 0xFF, 0xFF, 0xFF, 0x07))
        .isEqualTo(Integer.MAX_VALUE);
    // Indices no int holds are clamped, not wrapped to negative numbers.
    assertThat(readAll(ByteReader::index, 0x80, 0x80, 0x80, 0x80, 0x08))
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(readAll(ByteReader::index, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F))
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void s32() {
    assertThat(readAll(ByteReader::s32, 0x00)).isZero();
    assertThat(readAll(ByteReader::s32, 0x3F)).isEqualTo(63);
    assertThat(readAll(ByteReader::s32, 0x40)).isEqualTo(-64);
    assertThat(readAll(ByteReader::s32, 0x7F)).isEqualTo(-1);
    assertThat(readAll(ByteReader::s32, 0xC0, 0x00)).isEqualTo(64);
    assertThat(readAll(ByteReader::s32, 0xBF, 0x7F)).isEqualTo(-65);
    assertThat(readAll(ByteReader::s32, 0xFF, 0xFF, 0xFF, 0xFF, 0x07)).isEqualTo(Integer.MAX_VALUE);
    assertThat(readAll(ByteReader::s32, 0x80, 0x80, 0x80, 0x80, 0x78)).isEqualTo(Integer.MIN_VALUE);
    assertThat(readAll(ByteReader::s32, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F)).isEqualTo(-1);
    assertThat(readAll(ByteReader::s32, 0x80, 0x80, 0x80, 0x80, 0x00)).isZero();
  }

  @Test
  void s32Malformed() {
    // The fifth byte's unused bits must all copy the sign bit.
    assertMalformed(ByteReader::s32, "integer too large", 0xFF, 0xFF, 0xFF, 0xFF, 0x0F);
    assertMalformed(ByteReader::s32, "integer too large", 0x80, 0x80, 0x80, 0x80, 0x70);
    assertMalformed(ByteReader::s32, "integer too large", 0x80, 0x80, 0x80, 0x80, 0x1F);
    assertMalformed(
        ByteReader::s32, "integer representation too long", 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F);
  }

  @Test
  void s33() {
    assertThat(readAll(ByteReader::s33, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)).isEqualTo(0xFFFF_FFFFL);
    assertThat(readAll(ByteReader::s33, 0x80, 0x80, 0x80, 0x80, 0x70)).isEqualTo(-(1L << 32));
    assertMalformed(ByteReader::s33, "integer too large", 0x80, 0x80, 0x80, 0x80, 0x10);
    assertMalformed(
        ByteReader::s33, "integer representation too long", 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
  }

  @Test
  void s64() {
    assertThat(readAll(ByteReader::s64, 0x7F)).isEqualTo(-1L);
    assertThat(readAll(ByteReader::s64, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(readAll(ByteReader::s64, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F))
        .isEqualTo(Long.MIN_VALUE);
    assertThat(readAll(ByteReader::s64, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F))
        .isEqualTo(-1L);
    assertMalformed(
        ByteReader::s64,
        "integer too large",
        0x80,
        0x80,
        0x80,
        0x80,
        0x80,
        0x80,
        0x80,
        0x80,
        0x80,
        0x01);
    assertMalformed(
        ByteReader::s64,
        "integer too large",
        0xFF,
        0xFF,
        0xFF,
        0xFF,
        0xFF,
        0xFF,
        0xFF,
        0xFF,
        0xFF,
        0x41);
    assertMalformed(
        ByteReader::s64,
        "integer representation too long",
        0x80,
        0x80,
        0x80,
        0x80,
        0x80,
        0x80,
        0x80,
        0x80,
        0x80,
        0x80,
        0x00);
  }

  @Test
  void u1() {
    assertThat(readAll(ByteReader::u1, 0x00)).isZero();
    assertThat(readAll(ByteReader::u1, 0x01)).isEqualTo(1);
    assertMalformed(ByteReader::u1, "integer too large", 0x02);
    assertMalformed(ByteReader::u1, "integer representation too long", 0x81, 0x00);
  }

  @Test
  void fixedWidthWordsAreLittleEndian() {
    assertThat(readAll(ByteReader::fixed32, 0x00, 0x00, 0xC0, 0x7F)).isEqualTo(0x7FC0_0000);
    assertThat(readAll(ByteReader::fixed64, 1, 2, 3, 4, 5, 6, 7, 0x88))
        .isEqualTo(0x8807_0605_0403_0201L);
    assertMalformed(ByteReader::fixed32, "unexpected end of section or function", 1, 2, 3);
  }

  @Test
  void lengthsCannotExceedTheInput() {
    // Counted from the start of the length, as the reference interpreter does.
    assertThat(reader(0x02, 0xAA).length32()).isEqualTo(2);
    assertMalformed(ByteReader::length32, "length out of bounds", 0x03, 0xAA)
        .hasMessage("offset 0x0: length out of bounds");
    assertMalformed(ByteReader::length32, "length out of bounds", 0xFF, 0xFF, 0xFF, 0xFF, 0x0F);
  }

  @Test
  void names() {
    assertThat(readAll(ByteReader::name, 0x00)).isEmpty();
    assertThat(readAll(ByteReader::name, 0x03, 'a', 'b', 'c')).isEqualTo("abc");
    assertThat(readAll(ByteReader::name, 0x02, 0xC3, 0xA9)).isEqualTo("é");
    assertThat(readAll(ByteReader::name, 0x03, 0xE2, 0x82, 0xAC)).isEqualTo("€");
    assertThat(readAll(ByteReader::name, 0x04, 0xF0, 0x9F, 0x98, 0x80)).isEqualTo("😀");
    assertThat(readAll(ByteReader::name, 0x04, 0xF4, 0x8F, 0xBF, 0xBF))
        .isEqualTo(Character.toString(0x10FFFF));
    assertThat(readAll(ByteReader::name, 0x03, 0xEF, 0xBF, 0xBF)).isEqualTo("\uFFFF");
    // A length past the end of the input, but within what the length's own bytes allow.
    assertMalformed(ByteReader::name, "unexpected end of section or function", 0x02, 'a');
  }

  @Test
  void malformedUtf8() {
    int[][] malformed = {
      {0x01, 0x80}, // lone continuation byte
      {0x01, 0xBF},
      {0x02, 0xC0, 0x80}, // overlong NUL
      {0x02, 0xC1, 0xBF}, // overlong
      {0x03, 0xE0, 0x9F, 0xBF}, // overlong three bytes
      {0x04, 0xF0, 0x8F, 0xBF, 0xBF}, // overlong four bytes
      {0x03, 0xED, 0xA0, 0x80}, // surrogate D800
      {0x03, 0xED, 0xBF, 0xBF}, // surrogate DFFF
      {0x04, 0xF4, 0x90, 0x80, 0x80}, // above 10FFFF
      {0x04, 0xF5, 0x80, 0x80, 0x80},
      {0x01, 0xFF},
      {0x02, 0xE2, 0x82}, // truncated
      {0x02, 0xC3, 0x41}, // bad continuation
      {0x03, 0xE2, 0x28, 0xA1},
    };
    for (int[] name : malformed) {
      assertMalformed(ByteReader::name, "malformed UTF-8 encoding", name);
    }
  }

  @Test
  void valueTypes() {
    assertThat(readAll(ByteReader::valType, 0x7F)).isEqualTo(ValType.I32);
    assertThat(readAll(ByteReader::valType, 0x7E)).isEqualTo(ValType.I64);
    assertThat(readAll(ByteReader::valType, 0x7D)).isEqualTo(ValType.F32);
    assertThat(readAll(ByteReader::valType, 0x7C)).isEqualTo(ValType.F64);
    assertThat(readAll(ByteReader::valType, 0x7B)).isEqualTo(ValType.V128);
    assertThat(readAll(ByteReader::valType, 0x70)).isEqualTo(ValType.FUNCREF);
    assertThat(readAll(ByteReader::valType, 0x6F)).isEqualTo(ValType.EXTERNREF);
    assertMalformed(ByteReader::valType, "malformed reference type", 0x7A);
    assertMalformed(ByteReader::valType, "malformed reference type", 0x40);
    assertMalformed(ByteReader::valType, "integer representation too long", 0xFF, 0x7F);
    assertMalformed(ByteReader::refType, "malformed reference type", 0x7F);
    assertThat(readAll(ByteReader::refType, 0x6F)).isEqualTo(ValType.EXTERNREF);
  }

  @Test
  void typesOfLaterProposalsAreUnsupported() {
    assertThatThrownBy(() -> reader(0x64, 0x00).valType())
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessage("offset 0x0: unsupported: function references");
    assertThatThrownBy(() -> reader(0x6E).refType())
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageEndingWith("unsupported: gc");
    assertThatThrownBy(() -> reader(0x69).valType())
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageEndingWith("unsupported: exceptions");
  }

  @Test
  void laterProposalsAreOnlyRecognizedInsideTheCurrentContent() {
    ByteReader in = reader(0x6E, 0x6E);
    in.contentEnd(1);
    assertThatThrownBy(in::valType).isInstanceOf(UnsupportedFeatureException.class);
    assertThatThrownBy(in::valType)
        .isExactlyInstanceOf(MalformedModuleException.class)
        .hasMessage("offset 0x1: malformed reference type");
  }
}

package dev.cortado.wasm.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.internal.text.Token.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LexerTest {
  private static List<Token> lex(String text) {
    return Lexer.tokenize(text);
  }

  private static Token single(String text) {
    List<Token> tokens = lex(text);
    assertThat(tokens).hasSize(2);
    assertThat(tokens.get(1).kind()).isEqualTo(Kind.EOF);
    return tokens.getFirst();
  }

  @ParameterizedTest
  @CsvSource({
    "0, NAT",
    "123, NAT",
    "1_000, NAT",
    "0xff, NAT",
    "0xF_F, NAT",
    "+1, INT",
    "-0x10, INT",
    "1.5, FLOAT",
    "1., FLOAT",
    "1e3, FLOAT",
    "1E+3, FLOAT",
    "-1.5e-3, FLOAT",
    "0x1p-2, FLOAT",
    "0x1.8P+2, FLOAT",
    "0xa., FLOAT",
    "inf, FLOAT",
    "-inf, FLOAT",
    "nan, FLOAT",
    "+nan:0x200000, FLOAT",
    "$x, ID",
    "$a$b, ID",
    "$!?#%&*+-./:<=>@\\^_`|~, ID",
    "i32.add, KEYWORD",
    "nan:canonical, KEYWORD",
    "offset=4, KEYWORD",
    "align=0x8, KEYWORD",
    "0x1g, RESERVED",
    "1__0, RESERVED",
    "_1, RESERVED",
    "1_, RESERVED",
    "0x, RESERVED",
    ".0, RESERVED",
    "0e, RESERVED",
    "0x0p, RESERVED",
    "a, RESERVED",
    "A1, RESERVED",
    "offset=-1, RESERVED",
    "nan:1, KEYWORD",
  })
  void classifiesTheWholeRun(String text, Kind kind) {
    assertThat(single(text).kind()).isEqualTo(kind);
  }

  @Test
  void separatorsAreTokensOfTheirOwn() {
    List<Token> tokens = lex("(i32.const 1)(;c;)x");
    assertThat(tokens)
        .extracting(Token::kind)
        .containsExactly(Kind.LPAR, Kind.KEYWORD, Kind.NAT, Kind.RPAR, Kind.RESERVED, Kind.EOF);
  }

  @Test
  void reservedPunctuation() {
    assertThat(lex(", ; [ ] { }"))
        .extracting(Token::kind)
        .containsOnly(Kind.RESERVED, Kind.EOF)
        .hasSize(7);
  }

  @Test
  void adjacentStringsAndIdCharsAreOneReservedToken() {
    assertThat(single("\"a\"\"b\"").kind()).isEqualTo(Kind.RESERVED);
    assertThat(single("x\"a\"").kind()).isEqualTo(Kind.RESERVED);
    assertThat(single("\"a\"x").kind()).isEqualTo(Kind.RESERVED);
  }

  @Test
  void idsKeepTheirNameWithoutDollar() {
    assertThat(single("$fac").value()).isEqualTo("fac");
  }

  @Test
  void quotedIdsAreIds() {
    Token t = single("$\"a b\\41\"");
    assertThat(t.kind()).isEqualTo(Kind.ID);
    assertThat(t.value()).isEqualTo("a bA");
    assertThat(single("$\"\"").value()).isEqualTo("empty identifier");
    assertThat(single("$").value()).isEqualTo("empty identifier");
    assertThat(single("$\"\\ff\"").value()).isEqualTo("malformed UTF-8 encoding");
  }

  @Test
  void stringEscapes() {
    Token t = single("\"a\\n\\t\\r\\\\\\'\\\"\\41\\u{1F600}\\u{e9}\u00e9\"");
    assertThat(t.kind()).isEqualTo(Kind.STRING);
    byte[] expected =
        ("a\n\t\r\\'\"A" + new String(Character.toChars(0x1F600)) + "\u00e9\u00e9")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(t.bytes()).isEqualTo(expected);
  }

  @Test
  void stringsHoldRawBytes() {
    assertThat(single("\"\\00\\ff\\80\"").bytes()).containsExactly(0x00, 0xff, 0x80);
    assertThat(single("\"\\u{10ffff}\"").bytes()).containsExactly(0xf4, 0x8f, 0xbf, 0xbf);
  }

  static Stream<Arguments> lexicalErrors() {
    return Stream.of(
        Arguments.of("\"abc", "unclosed string literal"),
        Arguments.of("\"abc\ndef\"", "unclosed string literal"),
        Arguments.of("\"a\\q\"", "illegal escape"),
        Arguments.of("\"\\u{d800}\"", "illegal escape"),
        Arguments.of("\"\\u{110000}\"", "illegal escape"),
        Arguments.of("\"\\u{}\"", "illegal escape"),
        Arguments.of("\"\\4\"", "illegal escape"),
        Arguments.of("\"\u0001\"", "illegal control character in string literal"),
        Arguments.of("\"\u007f\"", "malformed UTF-8 encoding"),
        Arguments.of("(; never closed", "unclosed comment"),
        Arguments.of("(; (; ;)", "unclosed comment"),
        Arguments.of("\u00e9", "misplaced unicode character"),
        Arguments.of("\u0001", "misplaced control character"),
        Arguments.of("\u007f", "malformed UTF-8 encoding"));
  }

  @ParameterizedTest
  @MethodSource("lexicalErrors")
  void lexicalErrorsBecomeErrorTokens(String text, String message) {
    Token t = lex(text).getFirst();
    assertThat(t.kind()).isEqualTo(Kind.ERROR);
    assertThat(t.value()).isEqualTo(message);
  }

  @Test
  void loneSurrogatesAreMalformedUtf8Everywhere() {
    assertThat(lex("\udc80").getFirst().value()).isEqualTo("malformed UTF-8 encoding");
    assertThat(lex("\"\udc80\"").getFirst().value()).isEqualTo("malformed UTF-8 encoding");
    assertThat(lex("(; \udc80 ;)").getFirst().value()).isEqualTo("malformed UTF-8 encoding");
    List<Token> comment = lex(";; ok \udc80");
    assertThat(comment.getFirst().value()).isEqualTo("malformed UTF-8 encoding");
    assertThat(comment.getFirst().column()).isEqualTo(7);
  }

  @Test
  void commentsNestAndAreSkipped() {
    List<Token> tokens = lex("a1 (; x (; y ;) z ;) b1 ;; line ( \n c1 (;;) d1");
    assertThat(tokens).extracting(Token::text).containsExactly("a1", "b1", "c1", "d1", "");
  }

  @Test
  void positionsAreLineAndColumn() {
    List<Token> tokens = lex("(module\n  (func $f)\n\t(; a\nb ;) x)");
    assertThat(tokens)
        .extracting(Token::location)
        .containsExactly("1:1", "1:2", "2:3", "2:4", "2:9", "2:11", "4:6", "4:7", "4:8");
    assertThat(tokens.get(3).offset()).isEqualTo(11);
  }

  @Test
  void lexingGoesOnAfterABadString() {
    List<Token> tokens = lex("(\"a\\q\" b) c");
    assertThat(tokens)
        .extracting(Token::kind)
        .containsExactly(Kind.LPAR, Kind.ERROR, Kind.RESERVED, Kind.RPAR, Kind.RESERVED, Kind.EOF);
  }

  @Test
  void aBadStringAfterIdCharsEndsTheRunBeforeIt() {
    List<Token> tokens = lex("abc\"\\q\"");
    assertThat(tokens.get(0).kind()).isEqualTo(Kind.KEYWORD);
    assertThat(tokens.get(0).text()).isEqualTo("abc");
    assertThat(tokens.get(1).value()).isEqualTo("illegal escape");
  }

  @Test
  void deeplyNestedCommentsNeedNoStack() {
    String text = "(;".repeat(200_000) + ";)".repeat(200_000) + " x1";
    assertThat(lex(text)).extracting(Token::text).containsExactly("x1", "");
  }

  @Test
  void losslessDecodingKeepsBadBytesAsLoneSurrogates() {
    byte[] bytes = {'a', (byte) 0xc3, (byte) 0xa9, (byte) 0x80, (byte) 0xe2, (byte) 0x82, 'b'};
    assertThat(Lexer.decodeUtf8Lossless(bytes)).isEqualTo("a\u00e9\udc80\udce2\udc82b");
    assertThat(Lexer.decodeUtf8Lossless(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}))
        .isEqualTo("\udced\udca0\udc80"); // an encoded surrogate is not UTF-8
    assertThat(Lexer.decodeUtf8Lossless(new byte[] {(byte) 0xc0, (byte) 0x80}))
        .isEqualTo("\udcc0\udc80"); // overlong
    String emoji = new String(Character.toChars(0x1F600));
    assertThat(Lexer.decodeUtf8Lossless(emoji.getBytes(StandardCharsets.UTF_8))).isEqualTo(emoji);
  }
}

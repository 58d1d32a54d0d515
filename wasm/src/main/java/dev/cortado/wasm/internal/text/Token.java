package dev.cortado.wasm.internal.text;

/**
 * One token of the text format (spec 6.3.1), with where it starts.
 *
 * <p>{@link #text()} is the token as written. A {@link Kind#STRING} also carries its decoded bytes
 * (escapes resolved, characters in UTF-8); an {@link Kind#ID} carries its name without the {@code
 * $} (for {@code $"..."} the decoded string); an {@link Kind#ERROR} carries the lexical error's
 * message. Lexical errors become tokens rather than exceptions so that, as in the reference
 * interpreter, they are reported only when the parser reaches them.
 *
 * @param offset the character offset of the token's first character
 * @param line the 1-based line of the first character
 * @param column the 1-based column of the first character
 */
record Token(Kind kind, String text, int offset, int line, int column, byte[] bytes, String value) {

  /** The token classes of spec 6.3.1, plus error and end of input. */
  enum Kind {
    LPAR,
    RPAR,
    /** An unsigned integer: {@code 12}, {@code 0xff}, {@code 1_000}. */
    NAT,
    /** A signed integer: {@code +1}, {@code -0x10}. */
    INT,
    /** A float that is neither NAT nor INT: {@code 1.5}, {@code 1e3}, {@code -inf}, {@code nan}. */
    FLOAT,
    STRING,
    /** {@code $name} or {@code $"name"}. */
    ID,
    /** A word starting with a lowercase letter: {@code i32.add}, {@code offset=4}, {@code func}. */
    KEYWORD,
    /** Anything else made of identifier characters and strings: always an error when reached. */
    RESERVED,
    /** A lexical error; {@link #value()} is the message. */
    ERROR,
    EOF
  }

  /** The location in words, {@code "line:column"}. */
  String location() {
    return line + ":" + column;
  }

  boolean is(Kind k) {
    return kind == k;
  }

  /** Whether this is the keyword {@code word}. */
  boolean isKeyword(String word) {
    return kind == Kind.KEYWORD && text.equals(word);
  }

  /** An index: a NAT or an ID. */
  boolean isVar() {
    return kind == Kind.NAT || kind == Kind.ID;
  }

  /** A number literal: NAT, INT or FLOAT. */
  boolean isNumber() {
    return kind == Kind.NAT || kind == Kind.INT || kind == Kind.FLOAT;
  }

  @Override
  public String toString() {
    return kind == Kind.EOF ? "end of input" : text;
  }
}

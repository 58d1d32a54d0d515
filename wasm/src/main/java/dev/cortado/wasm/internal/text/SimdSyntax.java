package dev.cortado.wasm.internal.text;

import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.internal.text.Token.Kind;
import dev.cortado.wasm.internal.wast.WastValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The immediates of the SIMD instructions in the text format (spec 6.5.8 "Vector Instructions"):
 * {@code v128.const shape lane*}, the 16 lane indices of {@code i8x16.shuffle}, and lane indices.
 *
 * <p>Error messages are the reference interpreter's: a lane index must be a natural number below
 * 256 ("malformed lane index"; which lanes exist is checked by validation), a shuffle takes exactly
 * 16 ("invalid lane length"), and a constant exactly as many lanes as its shape has ("wrong number
 * of lane literals").
 */
final class SimdSyntax {
  private SimdSyntax() {}

  /** After {@code v128.const}: the shape and its lane literals (as many numbers as follow). */
  static Instruction v128Const(TokenStream in, int at) {
    Token shape = in.peek();
    if (!shape.is(Kind.KEYWORD)) {
      throw in.unexpected(shape);
    }
    int laneCount = V128Values.laneCount(shape, in);
    in.next();
    List<Token> tokens = numbers(in);
    if (tokens.size() != laneCount) {
      throw TokenStream.error(shape, "wrong number of lane literals");
    }
    List<WastValue> lanes = new ArrayList<>();
    for (Token t : tokens) {
      lanes.add(V128Values.lane(shape.text(), t, in));
    }
    long[] bits = new WastValue.V128(shape.text(), lanes).bits();
    return Instruction.ofV128Const(bits[0], bits[1], at);
  }

  /** After {@code i8x16.shuffle}: 16 lane indices, any number tokens that follow. */
  static Instruction shuffle(TokenStream in, Token instruction) {
    List<Token> tokens = numbers(in);
    if (tokens.size() != 16) {
      throw TokenStream.error(instruction, "invalid lane length");
    }
    int[] lanes = new int[16];
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = laneValue(tokens.get(i), true);
    }
    return Instruction.ofShuffle(lanes, instruction.offset());
  }

  /**
   * The number tokens that follow. The reference lexer rejects a malformed token (such as {@code
   * 0x} or {@code nan:1}) before the parser counts lanes, so such a token is reported first.
   */
  private static List<Token> numbers(TokenStream in) {
    List<Token> tokens = new ArrayList<>();
    while (in.peek().isNumber()) {
      tokens.add(in.next());
    }
    Token next = in.peek();
    if (next.is(Kind.RESERVED)
        || next.is(Kind.ERROR)
        || (next.is(Kind.KEYWORD) && !Keywords.isKnown(next.text()))) {
      throw in.unexpected(next);
    }
    return tokens;
  }

  /** The lane index of {@code extract_lane}, {@code replace_lane} and lane loads and stores. */
  static int laneIndex(TokenStream in) {
    Token t = in.peek();
    if (!t.is(Kind.NAT)) {
      throw in.unexpected(t);
    }
    return laneValue(in.next(), false);
  }

  /**
   * A lane index literal: 0 to 255. A shuffle's lanes are any number tokens, read as the reference
   * interpreter does (an integer, optionally with a {@code +} sign; anything else is malformed).
   */
  private static int laneValue(Token t, boolean signAllowed) {
    String text = t.text();
    if (signAllowed && text.startsWith("+")) {
      text = text.substring(1);
    }
    BigInteger n = NumberParser.nat(text);
    if (n == null || n.compareTo(BigInteger.valueOf(256)) >= 0) {
      throw TokenStream.error(t, "malformed lane index");
    }
    return n.intValue();
  }
}

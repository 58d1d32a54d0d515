package dev.cortado.wasm.internal.text;

import dev.cortado.wasm.MalformedModuleException;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.internal.text.Token.Kind;
import java.util.Arrays;
import java.util.List;

/**
 * A cursor over the tokens of a text, with the error reporting that every parser here shares.
 *
 * <p>Whenever a parser cannot accept a token it calls {@link #unexpected(Token)}, which reports, as
 * the reference interpreter does, the lexical problem of the token if it has one ("unknown
 * operator", "malformed UTF-8 encoding", ...) and "unexpected token" otherwise; a word of a later
 * proposal gives an {@link UnsupportedFeatureException}.
 */
final class TokenStream {
  private final List<Token> tokens;
  private final Token eof;
  private int[] matching;
  private int pos;

  TokenStream(List<Token> tokens) {
    this.tokens = tokens;
    this.eof = tokens.getLast();
  }

  int position() {
    return pos;
  }

  void seek(int position) {
    pos = position;
  }

  Token peek() {
    return pos < tokens.size() ? tokens.get(pos) : eof;
  }

  Token peek(int ahead) {
    int i = pos + ahead;
    return i < tokens.size() ? tokens.get(i) : eof;
  }

  Token next() {
    Token t = peek();
    if (pos < tokens.size() - 1) {
      pos++;
    }
    return t;
  }

  Token token(int index) {
    return index < tokens.size() ? tokens.get(index) : eof;
  }

  /** Whether the next tokens are {@code (} and the keyword {@code word}. */
  boolean atLpar(String word) {
    return peek().is(Kind.LPAR) && peek(1).isKeyword(word);
  }

  boolean atRpar() {
    return peek().is(Kind.RPAR);
  }

  Token expect(Kind kind) {
    Token t = peek();
    if (!t.is(kind)) {
      throw unexpected(t);
    }
    return next();
  }

  Token expectKeyword(String word) {
    Token t = peek();
    if (!t.isKeyword(word)) {
      throw unexpected(t);
    }
    return next();
  }

  /** Consumes {@code (} and the keyword {@code word}; returns the {@code (}. */
  Token expectLpar(String word) {
    Token open = expect(Kind.LPAR);
    expectKeyword(word);
    return open;
  }

  Token expectRpar() {
    return expect(Kind.RPAR);
  }

  /** The next token if it is an identifier (consumed), else null. */
  Token optionalId() {
    return peek().is(Kind.ID) ? next() : null;
  }

  /** A string token's bytes. */
  byte[] string() {
    return expect(Kind.STRING).bytes();
  }

  /** A name (spec 6.3.4): a string whose bytes are valid UTF-8. */
  String name() {
    Token t = expect(Kind.STRING);
    String name = Lexer.decodeUtf8(t.bytes());
    if (name == null) {
      throw error(t, "malformed UTF-8 encoding");
    }
    return name;
  }

  /**
   * The index of the token after the {@code )} matching the {@code (} at {@code lparIndex}, or -1
   * if it has none.
   */
  int afterMatching(int lparIndex) {
    if (matching == null) {
      matching = computeMatching();
    }
    int close = matching[lparIndex];
    return close < 0 ? -1 : close + 1;
  }

  private int[] computeMatching() {
    int[] result = new int[tokens.size()];
    int[] stack = new int[16];
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      result[i] = -1;
      Kind k = tokens.get(i).kind();
      if (k == Kind.LPAR) {
        if (depth == stack.length) {
          stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = i;
      } else if (k == Kind.RPAR && depth > 0) {
        result[stack[--depth]] = i;
      }
    }
    return result;
  }

  /** The error for a token the parser cannot accept here. */
  MalformedModuleException unexpected(Token t) {
    switch (t.kind()) {
      case ERROR -> {
        return error(t, t.value());
      }
      case RESERVED -> {
        if (t.text().startsWith("@")) {
          return new UnsupportedFeatureException("annotations", t.location());
        }
        return error(t, "unknown operator " + t.text());
      }
      case KEYWORD -> {
        String feature = Keywords.laterFeature(t.text());
        if (feature != null) {
          return new UnsupportedFeatureException(feature, t.location());
        }
        if (!Keywords.isKnown(t.text())) {
          return error(t, "unknown operator " + t.text());
        }
        return error(t, "unexpected token " + describe(t));
      }
      default -> {
        return error(t, "unexpected token " + describe(t));
      }
    }
  }

  private static String describe(Token t) {
    if (t.is(Kind.EOF)) {
      return "(end of input)";
    }
    String s = t.text();
    if (s.length() > 40) {
      s = s.substring(0, 37) + "...";
    }
    return "'" + s + "'";
  }

  static MalformedModuleException error(Token t, String reason) {
    return new MalformedModuleException(reason, t.location());
  }

  static UnsupportedFeatureException unsupported(Token t, String feature) {
    return new UnsupportedFeatureException(feature, t.location());
  }
}

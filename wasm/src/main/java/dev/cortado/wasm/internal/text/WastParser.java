package dev.cortado.wasm.internal.text;

import dev.cortado.wasm.ValType;
import dev.cortado.wasm.internal.text.Token.Kind;
import dev.cortado.wasm.internal.wast.ModuleSource;
import dev.cortado.wasm.internal.wast.WastAction;
import dev.cortado.wasm.internal.wast.WastCommand;
import dev.cortado.wasm.internal.wast.WastValue;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses a {@code .wast} script (the reference interpreter's script format, {@code
 * interpreter/README.md} "Scripts") into commands.
 *
 * <p>Modules are not parsed here: a text module is kept as its exact source slice ({@link
 * ModuleSource.Text}), to be parsed by {@link WatParser} when it runs, so that an {@code
 * assert_malformed} module is reported by the module parser, where the runner expects it. Commands
 * and values this parser does not know (e.g. of later proposals) become {@link
 * WastCommand.Unsupported} and {@link WastValue.Unsupported} entries, so any script parses; only a
 * script whose structure is broken (unbalanced parentheses, a bad constant) is rejected.
 *
 * <p>The old assertions {@code assert_return_canonical_nan} and {@code
 * assert_return_arithmetic_nan} (without the result's type) are reported as unsupported commands.
 */
public final class WastParser {
  /** Keywords that start a module field: a script made of them is one module (spec sugar). */
  private static final Set<String> MODULE_FIELDS =
      Set.of(
          "type", "import", "func", "table", "memory", "global", "export", "start", "elem", "data",
          "tag", "rec");

  private final String script;
  private final TokenStream in;

  private WastParser(String script) {
    this.script = script;
    this.in = new TokenStream(Lexer.tokenize(script));
  }

  /**
   * Parses a whole script. A syntax error in the script structure throws {@link
   * dev.cortado.wasm.MalformedModuleException} with {@code line:column}; modules inside are kept as
   * text and parsed only when run.
   */
  public static List<WastCommand> parse(String script) {
    return new WastParser(script).script();
  }

  private List<WastCommand> script() {
    List<WastCommand> commands = new ArrayList<>();
    Token first = in.peek(1);
    if (in.peek().is(Kind.LPAR) && first.is(Kind.KEYWORD) && MODULE_FIELDS.contains(first.text())) {
      // A script that is just module fields is one module (reference "inline_module1").
      Token start = in.peek();
      commands.add(
          new WastCommand.ModuleCommand(
              start.line(), null, new ModuleSource.Text(script, 1), false));
      return commands;
    }
    while (in.peek().is(Kind.LPAR)) {
      commands.add(command());
    }
    in.expect(Kind.EOF);
    return commands;
  }

  private WastCommand command() {
    Token open = in.peek();
    Token keyword = in.peek(1);
    int line = open.line();
    if (!keyword.is(Kind.KEYWORD)) {
      if (keyword.is(Kind.RESERVED) || keyword.is(Kind.ERROR)) {
        in.next();
        throw in.unexpected(keyword);
      }
      return unsupported(line, keyword.text());
    }
    switch (keyword.text()) {
      case "module" -> {
        return module();
      }
      case "register" -> {
        in.next();
        in.next();
        String as = name();
        Token id = in.optionalId();
        in.expectRpar();
        return new WastCommand.RegisterCommand(line, as, id == null ? null : id.value());
      }
      case "invoke", "get" -> {
        return new WastCommand.ActionCommand(line, action());
      }
      case "assert_return" -> {
        if (!atAction(2)) {
          return unsupported(line, keyword.text());
        }
        in.next();
        in.next();
        WastAction action = action();
        List<WastValue> expected = new ArrayList<>();
        while (in.peek().is(Kind.LPAR)) {
          expected.add(value());
        }
        in.expectRpar();
        return new WastCommand.AssertReturn(line, action, expected);
      }
      case "assert_trap" -> {
        boolean ofModule = in.peek(2).is(Kind.LPAR) && in.peek(3).isKeyword("module");
        if (!ofModule && !atAction(2)) {
          return unsupported(line, keyword.text());
        }
        in.next();
        in.next();
        if (ofModule) {
          WastCommand.ModuleCommand module = moduleDefinition();
          return new WastCommand.AssertTrap(line, null, module, messageAndClose());
        }
        return new WastCommand.AssertTrap(line, action(), null, messageAndClose());
      }
      case "assert_exhaustion" -> {
        if (!atAction(2)) {
          return unsupported(line, keyword.text());
        }
        in.next();
        in.next();
        WastAction action = action();
        return new WastCommand.AssertExhaustion(line, action, messageAndClose());
      }
      case "assert_exception" -> {
        if (!atAction(2)) {
          return unsupported(line, keyword.text());
        }
        in.next();
        in.next();
        WastAction action = action();
        in.expectRpar();
        return new WastCommand.AssertException(line, action);
      }
      case "assert_malformed", "assert_invalid", "assert_unlinkable" -> {
        if (!in.peek(2).is(Kind.LPAR) || !in.peek(3).isKeyword("module")) {
          return unsupported(line, keyword.text());
        }
        in.next();
        in.next();
        WastCommand.ModuleCommand module = moduleDefinition();
        String message = messageAndClose();
        return switch (keyword.text()) {
          case "assert_malformed" -> new WastCommand.AssertMalformed(line, module, message);
          case "assert_invalid" -> new WastCommand.AssertInvalid(line, module, message);
          default -> new WastCommand.AssertUnlinkable(line, module, message);
        };
      }
      default -> {
        return unsupported(line, keyword.text());
      }
    }
  }

  /** Whether the token {@code ahead} starts {@code (invoke} or {@code (get}. */
  private boolean atAction(int ahead) {
    return in.peek(ahead).is(Kind.LPAR)
        && (in.peek(ahead + 1).isKeyword("invoke") || in.peek(ahead + 1).isKeyword("get"));
  }

  /** Skips the form at {@code (} and reports it as a command Cortado does not run. */
  private WastCommand unsupported(int line, String what) {
    skipForm();
    return new WastCommand.Unsupported(line, what);
  }

  /** Skips the parenthesized form at the cursor, whatever it holds. */
  private void skipForm() {
    Token open = in.peek();
    int after = in.afterMatching(in.position());
    if (after < 0) {
      throw TokenStream.error(open, "unclosed parenthesis");
    }
    in.seek(after);
  }

  /** The message string of an assertion and the assertion's {@code )}. */
  private String messageAndClose() {
    String message = Lexer.decodeUtf8Lossless(in.string());
    in.expectRpar();
    return message;
  }

  private String name() {
    return Lexer.decodeUtf8Lossless(in.string());
  }

  /** A module command, or {@code (module instance ...)}. */
  private WastCommand module() {
    if (in.peek(2).isKeyword("instance")) {
      Token open = in.next();
      in.next();
      in.next();
      Token instance = in.optionalId();
      Token module = in.optionalId();
      in.expectRpar();
      return new WastCommand.ModuleInstanceCommand(
          open.line(),
          instance == null ? null : instance.value(),
          module == null ? null : module.value());
    }
    return moduleDefinition();
  }

  /**
   * {@code (module definition? $id? ...)}: binary, quote or text. A text module is kept as its
   * source slice, {@code $id} included (it names the module); a {@code definition} keyword is
   * blanked out with spaces so that the slice is a plain module and its positions stay exact.
   */
  private WastCommand.ModuleCommand moduleDefinition() {
    int openIndex = in.position();
    Token open = in.expectLpar("module");
    Token definition = in.peek().isKeyword("definition") ? in.next() : null;
    Token id = in.optionalId();
    String name = id == null ? null : id.value();
    ModuleSource source;
    if (in.peek().isKeyword("binary")) {
      in.next();
      source = new ModuleSource.Binary(strings());
      in.expectRpar();
    } else if (in.peek().isKeyword("quote")) {
      in.next();
      source = new ModuleSource.Quote(Lexer.decodeUtf8Lossless(strings()));
      in.expectRpar();
    } else {
      int after = in.afterMatching(openIndex);
      if (after < 0) {
        throw TokenStream.error(open, "unclosed parenthesis");
      }
      Token close = in.token(after - 1);
      StringBuilder text = new StringBuilder(script.substring(open.offset(), close.offset() + 1));
      if (definition != null) {
        int from = definition.offset() - open.offset();
        for (int i = 0; i < definition.text().length(); i++) {
          text.setCharAt(from + i, ' ');
        }
      }
      in.seek(after);
      source = new ModuleSource.Text(text.toString(), open.line());
    }
    return new WastCommand.ModuleCommand(open.line(), name, source, definition != null);
  }

  private byte[] strings() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (in.peek().is(Kind.STRING)) {
      out.writeBytes(in.next().bytes());
    }
    return out.toByteArray();
  }

  /** {@code (invoke $id? "name" value*)} or {@code (get $id? "name")}. */
  private WastAction action() {
    in.expect(Kind.LPAR);
    Token keyword = in.next();
    Token module = in.optionalId();
    String moduleName = module == null ? null : module.value();
    String name = name();
    if (keyword.isKeyword("invoke")) {
      List<WastValue> args = new ArrayList<>();
      while (in.peek().is(Kind.LPAR)) {
        args.add(value());
      }
      in.expectRpar();
      return new WastAction.Invoke(moduleName, name, args);
    }
    if (keyword.isKeyword("get")) {
      in.expectRpar();
      return new WastAction.Get(moduleName, name);
    }
    throw in.unexpected(keyword);
  }

  /** A constant or a result pattern; forms of later proposals become {@code Unsupported}. */
  private WastValue value() {
    Token open = in.peek();
    Token keyword = in.peek(1);
    if (!keyword.is(Kind.KEYWORD)) {
      skipForm();
      return new WastValue.Unsupported(keyword.text());
    }
    int start = in.position();
    in.next();
    in.next();
    WastValue value =
        switch (keyword.text()) {
          case "i32.const" -> new WastValue.I32(constant(NumberParser.i32(number().text())));
          case "i64.const" -> new WastValue.I64(constant(NumberParser.i64(number().text())));
          case "f32.const" -> floatValue(ValType.F32);
          case "f64.const" -> floatValue(ValType.F64);
          case "v128.const" -> V128Values.parse(in);
          case "ref.null" -> {
            Token heap = in.peek();
            if (heap.is(Kind.KEYWORD) || heap.is(Kind.ID)) {
              in.next();
              yield new WastValue.RefNull(heap.is(Kind.ID) ? "$" + heap.value() : heap.text());
            }
            yield null;
          }
          case "ref.extern" -> {
            if (in.atRpar()) {
              yield new WastValue.RefExtern(null);
            }
            Token n = in.expect(Kind.NAT);
            Long id = NumberParser.u32(n.text());
            if (id == null) {
              throw TokenStream.error(n, "i32 constant out of range");
            }
            yield new WastValue.RefExtern(id);
          }
          case "ref.func" -> in.atRpar() ? new WastValue.RefFunc() : null;
          case "either" -> {
            List<WastValue> alternatives = new ArrayList<>();
            while (in.peek().is(Kind.LPAR)) {
              alternatives.add(value());
            }
            yield new WastValue.Either(alternatives);
          }
          default -> null;
        };
    if (value == null) {
      in.seek(start);
      skipForm();
      return new WastValue.Unsupported(keyword.text());
    }
    if (!in.atRpar()) {
      throw in.unexpected(in.peek());
    }
    in.next();
    return value;
  }

  private WastValue floatValue(ValType type) {
    Token t = in.peek();
    if (t.isKeyword("nan:canonical") || t.isKeyword("nan:arithmetic")) {
      in.next();
      return new WastValue.NanPattern(type, t.text().equals("nan:canonical"));
    }
    String text = number().text();
    if (type == ValType.F32) {
      return new WastValue.F32((int) constant(NumberParser.f32(text)));
    }
    return new WastValue.F64(constant(NumberParser.f64(text)));
  }

  private Token number() {
    Token t = in.peek();
    if (!t.isNumber()) {
      throw in.unexpected(t);
    }
    return in.next();
  }

  /** The value of the number token just read, or "constant out of range". */
  private int constant(Integer value) {
    if (value == null) {
      throw TokenStream.error(in.token(in.position() - 1), "constant out of range");
    }
    return value;
  }

  private long constant(Long value) {
    if (value == null) {
      throw TokenStream.error(in.token(in.position() - 1), "constant out of range");
    }
    return value;
  }
}

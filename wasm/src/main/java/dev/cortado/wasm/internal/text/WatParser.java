package dev.cortado.wasm.internal.text;

import dev.cortado.wasm.WasmModule;

/**
 * Parses the text format (spec 6) into a {@link WasmModule}, without validating it.
 *
 * <p>The module keeps the text ({@link WasmModule#sourceText()}), and every {@link
 * dev.cortado.wasm.code.Instruction#offset()} and {@link
 * dev.cortado.wasm.FunctionDefinition#offset()} is a character offset in it (of the instruction's
 * keyword, of an implicit {@code end}'s closing parenthesis, of a function's opening parenthesis),
 * so that errors read {@code line:column}. The {@code $id}s of the module, its functions and their
 * locals become its {@link dev.cortado.wasm.Names}.
 *
 * <pre>{@code
 * WasmModule m = WatParser.parse("(module (func (export \"f\") (result i32) (i32.const 42)))");
 * }</pre>
 */
public final class WatParser {
  private WatParser() {}

  /**
   * Parses one module: {@code (module $id? ...)} or a bare sequence of module fields. Throws {@link
   * dev.cortado.wasm.MalformedModuleException} with {@code line:column} on malformed text, and its
   * subclass {@link dev.cortado.wasm.UnsupportedFeatureException} for syntax of later proposals.
   */
  public static WasmModule parse(String text) {
    return new ModuleParser(text, Lexer.tokenize(text)).parse();
  }
}

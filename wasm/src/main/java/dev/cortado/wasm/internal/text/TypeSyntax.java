package dev.cortado.wasm.internal.text;

import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.code.BlockType;
import dev.cortado.wasm.internal.text.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Value types, type uses and block types (spec 6.4, 6.6.4, 6.5.2), shared by all parsers. */
final class TypeSyntax {
  private final TokenStream in;
  private final ModuleContext context;

  TypeSyntax(TokenStream in, ModuleContext context) {
    this.in = in;
    this.context = context;
  }

  /**
   * A type use (spec 6.6.4): {@code (type x)?} followed by {@code (param ...)*} and {@code (result
   * ...)*}.
   *
   * @param typeToken the {@code (} of {@code (type x)}, or null if there is none
   * @param typeIndex the index {@code x} names (unchecked), or -1
   * @param paramNames per parameter, its {@code $id} token or null
   */
  record TypeUse(
      Token typeToken,
      int typeIndex,
      List<ValType> params,
      List<Token> paramNames,
      List<ValType> results) {
    boolean hasInlineSignature() {
      return !params.isEmpty() || !results.isEmpty();
    }

    FuncType inlineType() {
      return FuncType.of(params, results);
    }
  }

  /** A value type (spec 6.4.3). */
  ValType valType() {
    Token t = in.peek();
    if (t.is(Kind.KEYWORD)) {
      ValType type =
          switch (t.text()) {
            case "i32" -> ValType.I32;
            case "i64" -> ValType.I64;
            case "f32" -> ValType.F32;
            case "f64" -> ValType.F64;
            case "v128" -> ValType.V128;
            case "funcref" -> ValType.FUNCREF;
            case "externref" -> ValType.EXTERNREF;
            default -> null;
          };
      if (type != null) {
        in.next();
        return type;
      }
    }
    rejectTypedReference();
    throw in.unexpected(t);
  }

  /** A reference type (spec 6.4.2): {@code funcref} or {@code externref}. */
  ValType refType() {
    Token t = in.peek();
    if (t.isKeyword("funcref")) {
      in.next();
      return ValType.FUNCREF;
    }
    if (t.isKeyword("externref")) {
      in.next();
      return ValType.EXTERNREF;
    }
    rejectTypedReference();
    throw in.unexpected(t);
  }

  /** {@code (ref null? ht)} is the typed references of WebAssembly 3.0. */
  private void rejectTypedReference() {
    if (in.atLpar("ref")) {
      throw TokenStream.unsupported(in.peek(1), "function references");
    }
  }

  /** Value types up to the next {@code )}. */
  List<ValType> valTypesUntilRpar() {
    List<ValType> types = new ArrayList<>();
    while (!in.atRpar()) {
      types.add(valType());
    }
    return types;
  }

  /**
   * A type use. With {@code allowParamNames}, {@code (param $x t)} binds a name (functions and
   * imports); block types and {@code call_indirect} take anonymous parameters only.
   */
  TypeUse typeUse(boolean allowParamNames) {
    Token typeToken = null;
    int typeIndex = -1;
    if (in.atLpar("type")) {
      typeToken = in.next();
      in.next();
      Token var = in.peek();
      if (!var.isVar()) {
        throw in.unexpected(var);
      }
      typeIndex = context.types.resolve(in.next());
      in.expectRpar();
    }
    return signature(typeToken, typeIndex, allowParamNames);
  }

  /**
   * A function type's body (spec 6.4.8): {@code (param ...)*} then {@code (result ...)*}, as a type
   * use without {@code (type x)}; parameter names are allowed and ignored.
   */
  TypeUse functionType() {
    return signature(null, -1, true);
  }

  private TypeUse signature(Token typeToken, int typeIndex, boolean allowParamNames) {
    List<ValType> params = new ArrayList<>();
    List<Token> names = new ArrayList<>();
    while (in.atLpar("param")) {
      in.next();
      in.next();
      if (allowParamNames && in.peek().is(Kind.ID)) {
        names.add(in.next());
        params.add(valType());
      } else {
        for (ValType t : valTypesUntilRpar()) {
          params.add(t);
          names.add(null);
        }
      }
      in.expectRpar();
    }
    List<ValType> results = new ArrayList<>();
    while (in.atLpar("result")) {
      in.next();
      in.next();
      results.addAll(valTypesUntilRpar());
      in.expectRpar();
    }
    if (in.atLpar("param") || in.atLpar("type")) {
      // Out of order: a syntax error, to be reported before any check of the type use.
      throw in.unexpected(in.peek(1));
    }
    return new TypeUse(typeToken, typeIndex, params, names, results);
  }

  /**
   * The type index a type use stands for (spec 6.6.4): {@code x} if given, checked against an
   * inline signature if there is one; otherwise the index of the inline signature, appended to the
   * types if new.
   */
  int resolve(TypeUse use) {
    if (use.typeToken() == null) {
      return context.inlineType(use.inlineType());
    }
    if (use.hasInlineSignature()) {
      FuncType declared = context.typeAt(use.typeIndex(), use.typeToken());
      if (!declared.equals(use.inlineType())) {
        throw TokenStream.error(
            use.typeToken(), "inline function type does not match explicit type");
      }
    }
    return use.typeIndex();
  }

  /**
   * A block type (spec 6.5.2): empty, one result type, or a type index (explicit, or implicit for
   * parameters or several results).
   */
  BlockType blockType() {
    if (!in.atLpar("type") && !in.atLpar("param") && !in.atLpar("result")) {
      return BlockType.EMPTY;
    }
    TypeUse use = typeUse(false);
    if (use.typeToken() != null) {
      return BlockType.ofIndex(resolve(use));
    }
    if (use.params().isEmpty() && use.results().size() <= 1) {
      return use.results().isEmpty() ? BlockType.EMPTY : BlockType.of(use.results().getFirst());
    }
    return BlockType.ofIndex(context.inlineType(use.inlineType()));
  }
}

package dev.cortado.wasm.internal.text;

import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.internal.text.Token.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The identifier context of a module being parsed (spec 6.6.13 / 6.4.x): one name space per index
 * space, and the type section as it grows with the implicit types of type uses.
 */
final class ModuleContext {
  final IndexSpace types = new IndexSpace("type");
  final IndexSpace funcs = new IndexSpace("function");
  final IndexSpace tables = new IndexSpace("table");
  final IndexSpace memories = new IndexSpace("memory");
  final IndexSpace globals = new IndexSpace("global");
  final IndexSpace elems = new IndexSpace("elem segment");
  final IndexSpace datas = new IndexSpace("data segment");

  /** The type section: explicit {@code (type ...)} definitions first, then implicit ones. */
  final List<FuncType> typeList = new ArrayList<>();

  /**
   * The type index for an inline type use without {@code (type x)} (spec 6.6.4 abbreviation): the
   * smallest index of an equal function type, or a new type appended at the end of the module.
   */
  int inlineType(FuncType type) {
    int i = typeList.indexOf(type);
    if (i >= 0) {
      return i;
    }
    typeList.add(type);
    return typeList.size() - 1;
  }

  /** The function type at {@code index}, for checking a type use, or an "unknown type" error. */
  FuncType typeAt(int index, Token at) {
    if (index < 0 || index >= typeList.size()) {
      throw TokenStream.error(at, "unknown type " + Integer.toUnsignedString(index));
    }
    return typeList.get(index);
  }

  /**
   * An index from a {@code u32} literal. An index of 2^31 or more cannot name anything; it is kept
   * as {@link Integer#MAX_VALUE} so that every range check rejects it.
   */
  static int literalIndex(Token t) {
    Long n = NumberParser.u32(t.text());
    if (n == null) {
      throw TokenStream.error(t, "i32 constant out of range");
    }
    return (int) Math.min(n, Integer.MAX_VALUE);
  }

  /** One index space's names: {@code $id}s bound to indices. */
  static final class IndexSpace {
    private final String kind;
    private final Map<String, Integer> names = new HashMap<>();
    private int count;

    IndexSpace(String kind) {
      this.kind = kind;
    }

    /** Allocates the next index, binding {@code id} (or nothing, if null) to it. */
    int bind(Token id) {
      int index = count++;
      if (id != null) {
        if (names.putIfAbsent(id.value(), index) != null) {
          throw TokenStream.error(id, "duplicate " + kind + " $" + id.value());
        }
      }
      return index;
    }

    /** Resolves a NAT or ID token ({@code var}) to an index. */
    int resolve(Token var) {
      if (var.is(Kind.NAT)) {
        return literalIndex(var);
      }
      Integer index = names.get(var.value());
      if (index == null) {
        throw TokenStream.error(var, "unknown " + kind + " $" + var.value());
      }
      return index;
    }

    int count() {
      return count;
    }

    /** Index to name, for the module's {@link dev.cortado.wasm.Names}. */
    Map<Integer, String> namesByIndex() {
      Map<Integer, String> byIndex = new HashMap<>();
      names.forEach((name, index) -> byIndex.put(index, name));
      return byIndex;
    }
  }

  /**
   * The locals of one function: parameters, then declared locals. The parameter count of a function
   * whose type is only {@code (type x)} is looked up lazily, as in the reference interpreter, so
   * that an unknown type index is a validation error unless a named local needs the count.
   */
  static final class LocalScope {
    private final Map<String, Integer> names = new HashMap<>();
    private final List<ValType> declared = new ArrayList<>();
    private final Map<Integer, String> nameByIndex = new HashMap<>();
    private Integer paramCount;
    private final ModuleContext context;
    private final int typeIndex;

    /** Parameters known now ({@code paramNames} null entries for anonymous ones). */
    LocalScope(List<Token> paramNames) {
      this.context = null;
      this.typeIndex = -1;
      this.paramCount = paramNames.size();
      for (int i = 0; i < paramNames.size(); i++) {
        bindAt(paramNames.get(i), i);
      }
    }

    /** Parameters given only by {@code (type typeIndex)}. */
    LocalScope(ModuleContext context, int typeIndex) {
      this.context = context;
      this.typeIndex = typeIndex;
    }

    private void bindAt(Token id, int index) {
      if (id == null) {
        return;
      }
      if (names.putIfAbsent(id.value(), index) != null) {
        throw TokenStream.error(id, "duplicate local $" + id.value());
      }
      nameByIndex.put(index, id.value());
    }

    /** Declares a local of type {@code type}, named {@code id} (or anonymous if null). */
    void declare(Token id, ValType type) {
      declared.add(type);
      if (id != null) {
        if (paramCount == null) {
          paramCount = context.typeAt(typeIndex, id).params().size();
        }
        bindAt(id, paramCount + declared.size() - 1);
      }
    }

    List<ValType> declared() {
      return declared;
    }

    int resolve(Token var) {
      if (var.is(Kind.NAT)) {
        return literalIndex(var);
      }
      Integer index = names.get(var.value());
      if (index == null) {
        throw TokenStream.error(var, "unknown local $" + var.value());
      }
      return index;
    }

    Map<Integer, String> namesByIndex() {
      return nameByIndex;
    }
  }
}

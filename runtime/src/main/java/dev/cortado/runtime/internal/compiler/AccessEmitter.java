package dev.cortado.runtime.internal.compiler;

import static dev.cortado.runtime.internal.compiler.FunctionCompiler.CD_MemoryInstance;
import static dev.cortado.runtime.internal.compiler.FunctionCompiler.CD_MemoryOps;
import static dev.cortado.runtime.internal.compiler.FunctionCompiler.CD_Ops;
import static dev.cortado.runtime.internal.compiler.FunctionCompiler.CD_TableOps;
import static dev.cortado.runtime.internal.compiler.JvmTypes.CD_CompiledInstance;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.cortado.runtime.internal.MemoryInstance;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.constantpool.ConstantPoolBuilder;
import java.lang.classfile.constantpool.MethodRefEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Emits the instructions that reach instance state: globals, memory, tables, references and the
 * bulk operations. Each is a call of a {@link MemoryOps} or {@link TableOps} helper with the
 * operands first, then the immediates, then the memory's access segment or the instance.
 */
final class AccessEmitter {
  private static final ClassDesc CD_DirectMemoryOps = ClassDesc.of(DirectMemoryOps.class.getName());

  /**
   * A {@link MemoryOps} load or store method and its {@link DirectMemoryOps} twin: the name, the
   * type of each (the memory last, or its extent), made once per opcode; the helper itself and
   * {@code plainKey} name their constant pool entries ({@link ClassContext#pooled}).
   */
  private record MemoryHelper(
      String name,
      MethodTypeDesc type,
      MethodTypeDesc directType,
      Object plainKey,
      Function<ConstantPoolBuilder, MethodRefEntry> direct,
      Function<ConstantPoolBuilder, MethodRefEntry> plain) {
    MemoryHelper(String name, MethodTypeDesc type, MethodTypeDesc directType) {
      // The makers are made once here, not as a capturing lambda per access.
      this(
          name,
          type,
          directType,
          new Object(),
          pool -> pool.methodRefEntry(CD_DirectMemoryOps, name, directType),
          pool -> pool.methodRefEntry(CD_MemoryOps, name, type));
    }
  }

  private static final java.util.Map<Opcode, MemoryHelper> MEMORY_HELPERS =
      new java.util.EnumMap<>(Opcode.class);

  static {
    for (Opcode op : Opcode.values()) {
      if (op.immediate() == Opcode.Immediate.MEMARG
          && op.hasFixedSignature()
          && !op.params().contains(ValType.V128)
          && !op.results().contains(ValType.V128)) {
        List<ClassDesc> params = new ArrayList<>();
        for (ValType t : op.params()) {
          params.add(JvmTypes.desc(t));
        }
        params.add(CD_int);
        List<ClassDesc> direct = new ArrayList<>(params);
        params.add(CD_MemoryInstance);
        direct.add(FunctionCompiler.CD_Extent);
        ClassDesc ret = op.results().isEmpty() ? CD_void : JvmTypes.desc(op.results().getFirst());
        MEMORY_HELPERS.put(
            op,
            new MemoryHelper(
                helperName(op), MethodTypeDesc.of(ret, params), MethodTypeDesc.of(ret, direct)));
      }
    }
  }

  private AccessEmitter() {}

  /** Emits {@code in}; returns false if it is not one of the instructions handled here. */
  static boolean emit(FunctionCompiler fc, Instruction in) {
    Opcode op = in.opcode();
    if (op.immediate() == Opcode.Immediate.MEMARG) {
      memoryAccess(fc, in);
      return true;
    }
    OperandStack stack = fc.stack();
    CodeBuilder cb = fc.cb();
    switch (op) {
      case GLOBAL_GET -> {
        ValType t = fc.globalType(in.index());
        if (t == ValType.V128) {
          for (String half : List.of("getV128Low", "getV128High")) {
            cb.loadConstant(in.index());
            cb.aload(fc.ctxSlot());
            cb.invokestatic(
                CD_TableOps, half, MethodTypeDesc.of(CD_long, CD_int, CD_CompiledInstance));
          }
          JvmTypes.fromFlat(cb, t);
          stack.push(t);
          return true;
        }
        cb.loadConstant(in.index());
        cb.aload(fc.ctxSlot());
        cb.invokestatic(
            CD_TableOps,
            "get" + FunctionCompiler.suffix(t),
            MethodTypeDesc.of(JvmTypes.desc(t), CD_int, CD_CompiledInstance));
        stack.push(t);
      }
      case GLOBAL_SET -> {
        ValType t = fc.globalType(in.index());
        stack.materialize(1);
        JvmTypes.toFlat(cb, t);
        cb.loadConstant(in.index());
        cb.aload(fc.ctxSlot());
        if (t == ValType.V128) {
          cb.invokestatic(
              CD_TableOps,
              "setV128",
              MethodTypeDesc.of(CD_void, CD_long, CD_long, CD_int, CD_CompiledInstance));
          stack.pop(1);
          return true;
        }
        cb.invokestatic(
            CD_TableOps,
            "set" + FunctionCompiler.suffix(t),
            MethodTypeDesc.of(CD_void, JvmTypes.desc(t), CD_int, CD_CompiledInstance));
        stack.pop(1);
      }
      case REF_NULL -> {
        cb.aconst_null();
        stack.push(in.types().getFirst());
      }
      case REF_IS_NULL -> {
        stack.materialize(1);
        cb.invokestatic(CD_Ops, "refIsNull", MethodTypeDesc.of(CD_int, CD_Object));
        stack.pop(1);
        stack.push(ValType.I32);
      }
      case REF_FUNC -> {
        cb.loadConstant(in.index());
        cb.aload(fc.ctxSlot());
        cb.invokestatic(
            CD_TableOps, "refFunc", MethodTypeDesc.of(CD_Object, CD_int, CD_CompiledInstance));
        stack.push(ValType.FUNCREF);
      }
      case TABLE_GET ->
          call(
              fc, in, CD_TableOps, "get", true, List.of(CD_int), in.index(), -1, tableType(fc, in));
      case TABLE_SET ->
          call(fc, in, CD_TableOps, "set", true, List.of(CD_int, CD_Object), in.index(), -1, null);
      case TABLE_SIZE ->
          call(fc, in, CD_TableOps, "size", false, List.of(), in.index(), -1, ValType.I32);
      case TABLE_GROW ->
          call(
              fc,
              in,
              CD_TableOps,
              "grow",
              true, // a store's limits may make it trap (docs/limits.md)
              List.of(CD_Object, CD_int),
              in.index(),
              -1,
              ValType.I32);
      case TABLE_FILL ->
          call(
              fc,
              in,
              CD_TableOps,
              "fill",
              true,
              List.of(CD_int, CD_Object, CD_int),
              in.index(),
              -1,
              null);
      case TABLE_COPY ->
          call(fc, in, CD_TableOps, "copy", true, ints(3), in.index(), in.index2(), null);
      case TABLE_INIT ->
          call(fc, in, CD_TableOps, "init", true, ints(3), in.index(), in.index2(), null);
      case ELEM_DROP ->
          call(fc, in, CD_TableOps, "elemDrop", false, List.of(), in.index(), -1, null);
      case MEMORY_SIZE -> call(fc, in, CD_MemoryOps, "size", false, List.of(), -1, -1, ValType.I32);
      case MEMORY_GROW -> {
        call(fc, in, CD_MemoryOps, "grow", true, ints(1), -1, -1, ValType.I32);
        fc.refreshMemory();
      }
      case MEMORY_FILL -> call(fc, in, CD_MemoryOps, "fill", true, ints(3), -1, -1, null);
      case MEMORY_COPY -> call(fc, in, CD_MemoryOps, "copy", true, ints(3), -1, -1, null);
      case MEMORY_INIT -> call(fc, in, CD_MemoryOps, "init", true, ints(3), in.index(), -1, null);
      case DATA_DROP ->
          call(fc, in, CD_MemoryOps, "dataDrop", false, List.of(), in.index(), -1, null);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static List<ClassDesc> ints(int n) {
    List<ClassDesc> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(CD_int);
    }
    return l;
  }

  private static ValType tableType(FunctionCompiler fc, Instruction in) {
    return fc.tableElementType(in.index());
  }

  /**
   * Emits a helper call {@code owner.name(operands..., [imm1], [imm2], instance)}: the operands are
   * popped from the stack, the result (if {@code result} is not null) pushed.
   */
  private static void call(
      FunctionCompiler fc,
      Instruction in,
      ClassDesc owner,
      String name,
      boolean mayTrap,
      List<ClassDesc> operands,
      int imm1,
      int imm2,
      ValType result) {
    OperandStack stack = fc.stack();
    CodeBuilder cb = fc.cb();
    stack.materialize(operands.size());
    if (mayTrap) {
      fc.recordPosition(in);
    }
    List<ClassDesc> params = new ArrayList<>(operands);
    if (imm1 >= 0) {
      cb.loadConstant(imm1);
      params.add(CD_int);
    }
    if (imm2 >= 0) {
      cb.loadConstant(imm2);
      params.add(CD_int);
    }
    cb.aload(fc.ctxSlot());
    params.add(CD_CompiledInstance);
    ClassDesc ret = result == null ? CD_void : JvmTypes.desc(result);
    cb.invokestatic(owner, name, MethodTypeDesc.of(ret, params));
    stack.pop(operands.size());
    if (result != null) {
      stack.push(result);
    }
  }

  private static void memoryAccess(FunctionCompiler fc, Instruction in) {
    if (in.memoryIndex() != 0) {
      throw new UnsupportedFeatureException("multi-memory", null);
    }
    if (in.memoryOffset() < 0 || in.memoryOffset() > 0xFFFF_FFFFL) {
      throw new UnsupportedFeatureException("memory64", null);
    }
    Opcode op = in.opcode();
    OperandStack stack = fc.stack();
    CodeBuilder cb = fc.cb();
    int n = op.params().size();
    stack.materialize(n);
    fc.recordPosition(in);
    cb.loadConstant((int) in.memoryOffset());
    MemoryHelper helper = MEMORY_HELPERS.get(op);
    // DirectMemoryOps checks offsets up to MemoryInstance.MAX_BYTES only, which keeps its
    // helpers small; a larger one (always out of bounds) goes to MemoryOps, which traps on it.
    boolean direct = DirectMemoryOps.AVAILABLE && in.memoryOffset() <= MemoryInstance.MAX_BYTES;
    MethodRefEntry method;
    if (direct) {
      cb.aload(fc.extentSlot());
      method = fc.classContext().pooled(cb.constantPool(), helper, helper.direct());
    } else {
      cb.aload(fc.memorySlot());
      method = fc.classContext().pooled(cb.constantPool(), helper.plainKey(), helper.plain());
    }
    cb.invokestatic(method);
    stack.pop(n);
    for (ValType t : op.results()) {
      stack.push(t);
    }
  }

  /** {@code i32.load8_u} is {@code i32Load8U}. */
  static String helperName(Opcode op) {
    String m = op.mnemonic();
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (int i = 0; i < m.length(); i++) {
      char c = m.charAt(i);
      if (c == '.' || c == '_') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }
}

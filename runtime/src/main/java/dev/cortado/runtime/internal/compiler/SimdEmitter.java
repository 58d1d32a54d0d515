package dev.cortado.runtime.internal.compiler;

import static dev.cortado.runtime.internal.compiler.FunctionCompiler.CD_MemoryInstance;
import static dev.cortado.runtime.internal.compiler.FunctionCompiler.CD_Ops;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_float;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.cortado.runtime.internal.simd.F32x4;
import dev.cortado.runtime.internal.simd.F64x2;
import dev.cortado.runtime.internal.simd.I16x8;
import dev.cortado.runtime.internal.simd.I32x4;
import dev.cortado.runtime.internal.simd.I64x2;
import dev.cortado.runtime.internal.simd.I8x16;
import dev.cortado.runtime.internal.simd.V128;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Emits the SIMD instructions (spec 4.4.3 "vector instructions") of one method ({@link
 * FunctionCompiler}). A v128 is two {@code long}s, low half first (see {@link JvmTypes}); the lane
 * semantics are the static methods of {@code internal.simd}, shared with the interpreter, so each
 * rule is written once and HotSpot inlines them.
 *
 * <p>An instruction's operands are first put in locals ({@link OperandStack#toLocals}): a lane-wise
 * operation is then the method applied to the low halves and to the high halves, loaded in any
 * order, and leaves the result's two halves on the JVM stack.
 *
 * <p>Where the Vector API is available ({@link JvmTypes#VECTORS}), a v128 on the JVM operand stack
 * is an {@code IntVector} instead (locals still hold it flat), and an instruction that {@code
 * internal.simd.VectorLanes} or {@code VectorOps} has a method for (named after its mnemonic:
 * {@code i32x4.add} is {@code i32x4Add}) is a call of that method on the operands as they are on
 * the JVM stack; C2 inlines it into a few vector instructions and keeps the vectors in registers
 * from one instruction to the next. The others take the same path as without the Vector API: their
 * operands go to locals, flat, and {@link #pushPair} packs the result.
 */
final class SimdEmitter {
  /** The per-half method of a lane-wise instruction: {@code owner.name}. */
  private record Half(ClassDesc owner, String name, int kind) {}

  private static final int UNARY = 1; // (long) long
  private static final int BINARY = 2; // (long, long) long
  private static final int SHIFT = 3; // (long, int) long

  private static final Map<Opcode, Half> HALVES = new EnumMap<>(Opcode.class);

  /** A Vector API method of {@code VectorLanes} or {@code VectorOps}. */
  record VectorMethod(ClassDesc owner, String name, MethodTypeDesc desc) {}

  /**
   * The Vector API methods by name ({@link JvmTypes#VECTORS}): {@code i8x16AddSatS} is {@code
   * i8x16.add_sat_s}. Empty without the Vector API.
   */
  private static final Map<String, VectorMethod> VECTOR_METHODS = new java.util.HashMap<>();

  private static final ClassDesc CD_VectorLanes = JvmTypes.CD_VectorLanes;

  private static final ClassDesc CD_Float = ClassDesc.of("java.lang.Float");
  private static final ClassDesc CD_Double = ClassDesc.of("java.lang.Double");

  private static final MethodTypeDesc UNARY_DESC = MethodTypeDesc.of(CD_long, CD_long);
  private static final MethodTypeDesc BINARY_DESC = MethodTypeDesc.of(CD_long, CD_long, CD_long);
  private static final MethodTypeDesc SHIFT_DESC = MethodTypeDesc.of(CD_long, CD_long, CD_int);
  private static final MethodTypeDesc TEST_DESC = MethodTypeDesc.of(CD_int, CD_long, CD_long);
  private static final MethodTypeDesc PAIR_DESC = MethodTypeDesc.of(CD_long, CD_long, CD_long);
  static final MethodTypeDesc WIDEN_DESC = MethodTypeDesc.of(CD_long, CD_int);
  private static final MethodTypeDesc EXTMUL_DESC = MethodTypeDesc.of(CD_long, CD_int, CD_int);
  static final MethodTypeDesc REPLACE_DESC = MethodTypeDesc.of(CD_long, CD_long, CD_int, CD_int);
  static final MethodTypeDesc EXTRACT_DESC = MethodTypeDesc.of(CD_int, CD_long, CD_long, CD_int);
  static final MethodTypeDesc LOAD_I32 =
      MethodTypeDesc.of(CD_int, CD_int, CD_int, CD_MemoryInstance);
  static final MethodTypeDesc LOAD_I64 =
      MethodTypeDesc.of(CD_long, CD_int, CD_int, CD_MemoryInstance);
  static final MethodTypeDesc STORE_I32 =
      MethodTypeDesc.of(CD_void, CD_int, CD_int, CD_int, CD_MemoryInstance);
  static final MethodTypeDesc STORE_I64 =
      MethodTypeDesc.of(CD_void, CD_int, CD_long, CD_int, CD_MemoryInstance);

  static {
    List<ValType> v = List.of(ValType.V128);
    List<ValType> vv = List.of(ValType.V128, ValType.V128);
    List<ValType> vi = List.of(ValType.V128, ValType.I32);
    for (Opcode op : Opcode.values()) {
      if (op.prefix() != 0xFD
          || op.immediate() != Opcode.Immediate.NONE
          || !op.results().equals(v)
          || changesLaneWidth(op.mnemonic())) {
        continue;
      }
      List<ValType> params = op.params();
      int kind =
          params.equals(v) ? UNARY : params.equals(vv) ? BINARY : params.equals(vi) ? SHIFT : 0;
      if (kind != 0) {
        HALVES.put(op, half(op, kind));
      }
    }
    if (JvmTypes.VECTORS) {
      vectorMethods("VectorLanes");
      vectorMethods("VectorOps");
      vectorMethods("VectorComposites");
    }
  }

  /** Adds the public static methods of {@code internal.simd.className} to VECTOR_METHODS. */
  private static void vectorMethods(String className) {
    Class<?> c;
    try {
      c = Class.forName("dev.cortado.runtime.internal.simd." + className);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("no " + className, e);
    }
    ClassDesc owner = ClassDesc.of(c.getName());
    for (java.lang.reflect.Method m : c.getMethods()) {
      if (!java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      MethodTypeDesc desc =
          MethodTypeDesc.of(
              m.getReturnType().describeConstable().orElseThrow(),
              java.util.Arrays.stream(m.getParameterTypes())
                  .map(t -> t.describeConstable().orElseThrow())
                  .toArray(ClassDesc[]::new));
      VECTOR_METHODS.put(m.getName(), new VectorMethod(owner, m.getName(), desc));
    }
  }

  /**
   * The Vector API method of each SIMD opcode that has one ({@link JvmTypes#VECTORS}), found once
   * by name: {@code i8x16.add_sat_s} is {@code i8x16AddSatS}.
   */
  private static final Map<Opcode, VectorMethod> BY_OPCODE = new EnumMap<>(Opcode.class);

  static {
    if (!VECTOR_METHODS.isEmpty()) {
      for (Opcode op : Opcode.values()) {
        if (op.prefix() != 0xFD) {
          continue;
        }
        String mnemonic = op.mnemonic();
        int dot = mnemonic.indexOf('.');
        StringBuilder name = new StringBuilder(mnemonic.substring(0, dot));
        for (String word : mnemonic.substring(dot + 1).split("_")) {
          name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        VectorMethod m = VECTOR_METHODS.get(name.toString());
        if (m != null) {
          BY_OPCODE.put(op, m);
        }
      }
    }
  }

  /** The Vector API method for SIMD instruction {@code op}, or null. */
  static VectorMethod vectorMethod(Opcode op) {
    return BY_OPCODE.get(op);
  }

  /** The Vector API method named {@code name}, or null. */
  static VectorMethod vectorMethod(String name) {
    return VECTOR_METHODS.get(name);
  }

  /** Narrowing, widening and the permutation whose result halves mix the operands' halves. */
  private static boolean changesLaneWidth(String mnemonic) {
    for (String word :
        List.of("narrow", "extend_", "extmul", "_low_", "demote", "_zero", "swizzle")) {
      if (mnemonic.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The per-half method of a lane-wise instruction, named after its mnemonic: {@code
   * i8x16.add_sat_s} is {@code I8x16.addSatS}; the pairwise additions drop their source shape.
   * Checked here, once, so that a missing method fails the first compilation, not a run.
   */
  private static Half half(Opcode op, int kind) {
    String m = op.mnemonic();
    int dot = m.indexOf('.');
    String shape = m.substring(0, dot);
    String rest =
        m.substring(dot + 1)
            .replace("_pairwise_i8x16", "_pairwise")
            .replace("_pairwise_i16x8", "_pairwise");
    Class<?> owner =
        switch (shape) {
          case "v128" -> V128.class;
          case "i8x16" -> I8x16.class;
          case "i16x8" -> I16x8.class;
          case "i32x4" -> I32x4.class;
          case "i64x2" -> I64x2.class;
          case "f32x4" -> F32x4.class;
          case "f64x2" -> F64x2.class;
          default -> throw new IllegalStateException(m);
        };
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : rest.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    Class<?>[] params =
        switch (kind) {
          case UNARY -> new Class<?>[] {long.class};
          case BINARY -> new Class<?>[] {long.class, long.class};
          default -> new Class<?>[] {long.class, int.class};
        };
    try {
      owner.getMethod(name.toString(), params);
    } catch (NoSuchMethodException e) {
      // i64x2 add, sub, mul and neg are one JVM instruction each: no method (see laneWise).
      if (!(owner == I64x2.class
          && List.of("add", "sub", "mul", "neg").contains(name.toString()))) {
        throw new IllegalStateException("no lane method for " + m, e);
      }
    }
    return new Half(ClassDesc.of(owner.getName()), name.toString(), kind);
  }

  private final FunctionCompiler fc;
  private final OperandStack stack;

  /** A long local for values used twice, made on first use. */
  private int scratchLong = -1;

  private final SimdMemoryEmitter memory;
  private final SimdShuffleEmitter shuffles;

  SimdEmitter(FunctionCompiler fc) {
    this.fc = fc;
    this.stack = fc.stack();
    this.memory = new SimdMemoryEmitter(fc, this);
    this.shuffles = new SimdShuffleEmitter(fc, this);
  }

  private CodeBuilder cb() {
    return fc.cb();
  }

  /**
   * Puts the top {@code n} operands in locals, pops them, and returns their slots, bottom first.
   */
  int[] take(int n) {
    int[] slots = stack.toLocals(n);
    stack.pop(n);
    return slots;
  }

  /** Pushes the low half of the v128 in local {@code slot} (locals hold a v128 flat). */
  void lo(int slot) {
    half(slot, 0);
  }

  /** Pushes the high half of the v128 in local {@code slot}. */
  void hi(int slot) {
    half(slot, 1);
  }

  /** Pushes half {@code h} (0 low, 1 high) of the v128 in local {@code slot}. */
  void half(int slot, int h) {
    cb().lload(slot + 2 * h);
  }

  /** Pushes the v128 whose two halves the code just left on the JVM stack (packed if need be). */
  void pushPair() {
    JvmTypes.fromFlat(cb(), ValType.V128);
    stack.push(ValType.V128);
  }

  /**
   * Emits {@code in} as the call of its Vector API method, if it has one: the operands as they are
   * on the JVM stack, then the lane index (lane access) or the lanes (shuffle) as constants.
   */
  private boolean vectorOp(Instruction in) {
    Opcode op = in.opcode();
    VectorMethod m = vectorMethod(op);
    if (m == null
        || op.immediate() == Opcode.Immediate.MEMARG
        || op.immediate() == Opcode.Immediate.MEMARG_LANE) {
      return false;
    }
    stack.materialize(op.params().size());
    switch (op.immediate()) {
      case LANE -> cb().loadConstant(in.laneIndex());
      case SHUFFLE -> {
        int[] lanes = in.shuffleLanes();
        if (shuffles.shuffleByPlan(lanes)) {
          return true;
        }
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < 8; i++) {
          lo |= (long) lanes[i] << (8 * i);
          hi |= (long) lanes[i + 8] << (8 * i);
        }
        cb().loadConstant(lo);
        cb().loadConstant(hi);
      }
      default -> {}
    }
    JvmTypes.vectorCall(cb(), m.owner(), m.name(), m.desc());
    stack.pop(op.params().size());
    for (ValType t : op.results()) {
      stack.push(t);
    }
    return true;
  }

  int scratchLong() {
    if (scratchLong < 0) {
      scratchLong = cb().allocateLocal(java.lang.classfile.TypeKind.LONG);
    }
    return scratchLong;
  }

  void call(Class<?> owner, String name, MethodTypeDesc desc) {
    cb().invokestatic(ClassDesc.of(owner.getName()), name, desc);
  }

  /** {@code (int) (x >>> 32)} for the long on top of the JVM stack. */
  void upper32() {
    cb().bipush(32);
    cb().lushr();
    cb().l2i();
  }

  /** {@code select} of two v128 operands: each half selected with the same condition. */
  void select() {
    if (JvmTypes.VECTORS) {
      stack.materialize(3);
      JvmTypes.vectorCall(
          cb(),
          CD_VectorLanes,
          "select",
          MethodTypeDesc.of(JvmTypes.CD_Vector, JvmTypes.CD_Vector, JvmTypes.CD_Vector, CD_int));
      stack.pop(3);
      stack.push(ValType.V128);
      return;
    }
    int[] s = take(3);
    MethodTypeDesc d = MethodTypeDesc.of(CD_long, CD_long, CD_long, CD_int);
    lo(s[0]);
    lo(s[1]);
    cb().iload(s[2]);
    cb().invokestatic(CD_Ops, "selectI64", d);
    hi(s[0]);
    hi(s[1]);
    cb().iload(s[2]);
    cb().invokestatic(CD_Ops, "selectI64", d);
    stack.push(ValType.V128);
  }

  /** Emits the SIMD instruction {@code in} (prefix 0xFD). */
  void emit(Instruction in) {
    Opcode op = in.opcode();
    if (JvmTypes.VECTORS && vectorOp(in)) {
      return;
    }
    Half half = HALVES.get(op);
    if (half != null) {
      laneWise(op, half);
      return;
    }
    switch (op.immediate()) {
      case MEMARG, MEMARG_LANE -> {
        memory.emit(in);
        return;
      }
      case LANE -> {
        lane(op, in.laneIndex());
        return;
      }
      case SHUFFLE -> {
        shuffles.shuffle(in.shuffleLanes());
        return;
      }
      case V128 -> {
        cb().loadConstant(in.v128Low());
        cb().loadConstant(in.v128High());
        pushPair();
        return;
      }
      default -> {}
    }
    other(op);
  }

  private void laneWise(Opcode op, Half h) {
    switch (h.kind) {
      case UNARY -> {
        int[] s = take(1);
        lo(s[0]);
        halfOp(op, h);
        hi(s[0]);
        halfOp(op, h);
      }
      case BINARY -> {
        int[] s = take(2);
        lo(s[0]);
        lo(s[1]);
        halfOp(op, h);
        hi(s[0]);
        hi(s[1]);
        halfOp(op, h);
      }
      default -> {
        int[] s = take(2);
        lo(s[0]);
        cb().iload(s[1]);
        halfOp(op, h);
        hi(s[0]);
        cb().iload(s[1]);
        halfOp(op, h);
      }
    }
    pushPair();
  }

  /** The per-half operation on the half (and operand) on top of the JVM stack. */
  private void halfOp(Opcode op, Half h) {
    switch (op) {
      case I64X2_ADD -> cb().ladd();
      case I64X2_SUB -> cb().lsub();
      case I64X2_MUL -> cb().lmul();
      case I64X2_NEG -> cb().lneg();
      case V128_AND -> cb().land();
      case V128_OR -> cb().lor();
      case V128_XOR -> cb().lxor();
      default ->
          cb().invokestatic(
                  h.owner,
                  h.name,
                  switch (h.kind) {
                    case UNARY -> UNARY_DESC;
                    case BINARY -> BINARY_DESC;
                    default -> SHIFT_DESC;
                  });
    }
  }

  /** {@code extract_lane} and {@code replace_lane}. */
  private void lane(Opcode op, int lane) {
    switch (op) {
      case I8X16_EXTRACT_LANE_S,
          I8X16_EXTRACT_LANE_U,
          I16X8_EXTRACT_LANE_S,
          I16X8_EXTRACT_LANE_U -> {
        int[] s = take(1);
        lo(s[0]);
        hi(s[0]);
        cb().loadConstant(lane);
        Class<?> owner = op.mnemonic().startsWith("i8x16") ? I8x16.class : I16x8.class;
        call(owner, op.mnemonic().endsWith("_s") ? "extractLaneS" : "extractLaneU", EXTRACT_DESC);
        stack.push(ValType.I32);
      }
      case I32X4_EXTRACT_LANE, F32X4_EXTRACT_LANE -> {
        int[] s = take(1);
        lo(s[0]);
        hi(s[0]);
        cb().loadConstant(lane);
        call(I32x4.class, "extractLane", EXTRACT_DESC);
        if (op == Opcode.F32X4_EXTRACT_LANE) {
          cb().invokestatic(CD_Float, "intBitsToFloat", MethodTypeDesc.of(CD_float, CD_int));
          stack.push(ValType.F32);
        } else {
          stack.push(ValType.I32);
        }
      }
      case I64X2_EXTRACT_LANE, F64X2_EXTRACT_LANE -> {
        int[] s = take(1);
        half(s[0], lane);
        if (op == Opcode.F64X2_EXTRACT_LANE) {
          cb().invokestatic(CD_Double, "longBitsToDouble", MethodTypeDesc.of(CD_double, CD_long));
          stack.push(ValType.F64);
        } else {
          stack.push(ValType.I64);
        }
      }
      default -> replaceLane(op, lane);
    }
  }

  private void replaceLane(Opcode op, int lane) {
    ValType scalar = stack.top();
    int[] s = take(2);
    int v = s[0];
    int x = s[1];
    // Lanes per half, and the half that holds the lane.
    int perHalf =
        switch (op) {
          case I8X16_REPLACE_LANE -> 8;
          case I16X8_REPLACE_LANE -> 4;
          case I32X4_REPLACE_LANE, F32X4_REPLACE_LANE -> 2;
          default -> 1;
        };
    int which = lane / perHalf;
    for (int h = 0; h < 2; h++) {
      if (h != which) {
        half(v, h);
        continue;
      }
      if (perHalf == 1) {
        JvmTypes.load(cb(), scalar, x);
        if (scalar == ValType.F64) {
          cb().invokestatic(
                  CD_Double, "doubleToRawLongBits", MethodTypeDesc.of(CD_long, CD_double));
        }
        continue;
      }
      half(v, h);
      cb().loadConstant(lane);
      JvmTypes.load(cb(), scalar, x);
      if (scalar == ValType.F32) {
        cb().invokestatic(CD_Float, "floatToRawIntBits", MethodTypeDesc.of(CD_int, CD_float));
      }
      Class<?> owner = perHalf == 8 ? I8x16.class : perHalf == 4 ? I16x8.class : I32x4.class;
      call(owner, "replaceLane", REPLACE_DESC);
    }
    pushPair();
  }

  /** Splats, tests, bitmasks, bitselect, swizzle, narrowing, widening and conversions. */
  private void other(Opcode op) {
    switch (op) {
      case I8X16_SPLAT, I16X8_SPLAT, I32X4_SPLAT, F32X4_SPLAT, I64X2_SPLAT, F64X2_SPLAT ->
          splat(op);
      case V128_ANY_TRUE -> test(V128.class, "anyTrue");
      case I8X16_ALL_TRUE -> test(I8x16.class, "allTrue");
      case I16X8_ALL_TRUE -> test(I16x8.class, "allTrue");
      case I32X4_ALL_TRUE -> test(I32x4.class, "allTrue");
      case I64X2_ALL_TRUE -> test(I64x2.class, "allTrue");
      case I8X16_BITMASK -> test(I8x16.class, "bitmask");
      case I16X8_BITMASK -> test(I16x8.class, "bitmask");
      case I32X4_BITMASK -> test(I32x4.class, "bitmask");
      case I64X2_BITMASK -> test(I64x2.class, "bitmask");
      case V128_BITSELECT -> {
        int[] s = take(3);
        MethodTypeDesc d = MethodTypeDesc.of(CD_long, CD_long, CD_long, CD_long);
        lo(s[0]);
        lo(s[1]);
        lo(s[2]);
        call(V128.class, "bitselect", d);
        hi(s[0]);
        hi(s[1]);
        hi(s[2]);
        call(V128.class, "bitselect", d);
        pushPair();
      }
      case I8X16_SWIZZLE -> shuffles.swizzle();
      case I8X16_NARROW_I16X8_S -> narrow(I8x16.class, "narrowI16x8S");
      case I8X16_NARROW_I16X8_U -> narrow(I8x16.class, "narrowI16x8U");
      case I16X8_NARROW_I32X4_S -> narrow(I16x8.class, "narrowI32x4S");
      case I16X8_NARROW_I32X4_U -> narrow(I16x8.class, "narrowI32x4U");
      case F32X4_DEMOTE_F64X2_ZERO -> zeroHigh(F32x4.class, "demoteF64x2Zero");
      case I32X4_TRUNC_SAT_F64X2_S_ZERO -> zeroHigh(I32x4.class, "truncSatF64x2SZero");
      case I32X4_TRUNC_SAT_F64X2_U_ZERO -> zeroHigh(I32x4.class, "truncSatF64x2UZero");
      default -> {
        if (op.mnemonic().contains("extmul")) {
          extmul(op);
        } else {
          widen(op);
        }
      }
    }
  }

  private void splat(Opcode op) {
    stack.materialize(1);
    switch (op) {
      case I8X16_SPLAT -> call(I8x16.class, "splat", WIDEN_DESC);
      case I16X8_SPLAT -> call(I16x8.class, "splat", WIDEN_DESC);
      case I32X4_SPLAT -> call(I32x4.class, "splat", WIDEN_DESC);
      case F32X4_SPLAT -> {
        cb().invokestatic(CD_Float, "floatToRawIntBits", MethodTypeDesc.of(CD_int, CD_float));
        call(I32x4.class, "splat", WIDEN_DESC);
      }
      case F64X2_SPLAT ->
          cb().invokestatic(
                  CD_Double, "doubleToRawLongBits", MethodTypeDesc.of(CD_long, CD_double));
      default -> {} // i64x2: the value is the half
    }
    cb().dup2();
    stack.pop(1);
    pushPair();
  }

  /** {@code [v128] -> [i32]}: any_true, all_true, bitmask. */
  private void test(Class<?> owner, String name) {
    int[] s = take(1);
    lo(s[0]);
    hi(s[0]);
    call(owner, name, TEST_DESC);
    stack.push(ValType.I32);
  }

  /** Each operand narrows to one result half. */
  private void narrow(Class<?> owner, String name) {
    int[] s = take(2);
    lo(s[0]);
    hi(s[0]);
    call(owner, name, PAIR_DESC);
    lo(s[1]);
    hi(s[1]);
    call(owner, name, PAIR_DESC);
    pushPair();
  }

  /** The whole operand becomes the low half; the high half is zero. */
  private void zeroHigh(Class<?> owner, String name) {
    int[] s = take(1);
    lo(s[0]);
    hi(s[0]);
    call(owner, name, PAIR_DESC);
    cb().lconst_0();
    pushPair();
  }

  /** extmul: the low or high half of each operand, multiplied into a whole vector. */
  private void extmul(Opcode op) {
    int[] s = take(2);
    int h = op.mnemonic().contains("_high_") ? 1 : 0;
    Class<?> owner = shapeOwner(op);
    String name = op.mnemonic().endsWith("_s") ? "extmulS" : "extmulU";
    half(s[0], h);
    cb().l2i();
    half(s[1], h);
    cb().l2i();
    call(owner, name, EXTMUL_DESC);
    half(s[0], h);
    upper32();
    half(s[1], h);
    upper32();
    call(owner, name, EXTMUL_DESC);
    pushPair();
  }

  /** extend, convert_low, promote_low: 32 bits of the source half widen to each result half. */
  private void widen(Opcode op) {
    int[] s = take(1);
    int h = op.mnemonic().contains("_high_") ? 1 : 0;
    Class<?> owner = shapeOwner(op);
    String name = widenName(op);
    half(s[0], h);
    cb().l2i();
    call(owner, name, WIDEN_DESC);
    half(s[0], h);
    upper32();
    call(owner, name, WIDEN_DESC);
    pushPair();
  }

  private static String widenName(Opcode op) {
    return switch (op) {
      case F64X2_CONVERT_LOW_I32X4_S -> "convertS";
      case F64X2_CONVERT_LOW_I32X4_U -> "convertU";
      case F64X2_PROMOTE_LOW_F32X4 -> "promote";
      default -> {
        if (!op.mnemonic().contains("extend_")) {
          throw new IllegalStateException("cannot compile " + op.mnemonic());
        }
        yield op.mnemonic().endsWith("_s") ? "extendS" : "extendU";
      }
    };
  }

  /** The lane class of the instruction's result shape. */
  private static Class<?> shapeOwner(Opcode op) {
    String m = op.mnemonic();
    return switch (m.substring(0, m.indexOf('.'))) {
      case "i16x8" -> I16x8.class;
      case "i32x4" -> I32x4.class;
      case "i64x2" -> I64x2.class;
      case "f64x2" -> F64x2.class;
      default -> throw new IllegalStateException("cannot compile " + m);
    };
  }
}

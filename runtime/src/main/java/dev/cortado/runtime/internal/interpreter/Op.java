package dev.cortado.runtime.internal.interpreter;

/**
 * The interpreter's opcodes: the instruction stream of a {@link CompiledFunction} is an {@code
 * int[]} of these, each followed by its immediates (documented per opcode). Numbers are dense so
 * that the dispatch {@code switch} compiles to a {@code tableswitch}. See docs/interpreter.md.
 */
final class Op {
  private Op() {}

  // Control. Branch targets are code positions; heights are relative to the frame pointer.
  static final int UNREACHABLE = 0;

  /** Target. */
  static final int JUMP = 1;

  /** Target: pops an i32, jumps if it is not zero. */
  static final int JUMP_IF = 2;

  /** Target: pops an i32, jumps if it is zero ({@code if}). */
  static final int JUMP_IF_NOT = 3;

  /** Target, arity, height: moves the top arity values down to height, then jumps. */
  static final int BR_MOVE = 4;

  /** Target, arity, height: pops an i32; if not zero, as BR_MOVE. */
  static final int BR_IF_MOVE = 5;

  /** Arity, count, then count (target, height) pairs, the default last. */
  static final int BR_TABLE = 6;

  /** Arity. */
  static final int RETURN = 7;

  /** Function index. */
  static final int CALL = 8;

  /** Canonical type id, table index. */
  static final int CALL_INDIRECT = 9;

  static final int DROP = 10;
  static final int SELECT = 11;
  static final int SELECT_REF = 12;

  // Variables. Local operands are frame slots (parameters first).
  /** Slot. */
  static final int LOCAL_GET = 13;

  /** Slot. */
  static final int LOCAL_SET = 14;

  /** Slot. */
  static final int LOCAL_TEE = 15;

  /** Slot. */
  static final int LOCAL_GET_REF = 16;

  /** Slot. */
  static final int LOCAL_SET_REF = 17;

  /** Slot. */
  static final int LOCAL_TEE_REF = 18;

  /** Global index. */
  static final int GLOBAL_GET = 19;

  /** Global index. */
  static final int GLOBAL_SET = 20;

  /** Global index. */
  static final int GLOBAL_GET_REF = 21;

  /** Global index. */
  static final int GLOBAL_SET_REF = 22;

  /** Table index. */
  static final int TABLE_GET = 23;

  /** Table index. */
  static final int TABLE_SET = 24;

  // Memory (memory 0). Loads and stores carry the static offset (unsigned 32 bits). Float loads
  // and stores are the integer ones of their width (raw bits); i64 narrow stores are the i32 ones.
  /** Offset. */
  static final int I32_LOAD = 25;

  /** Offset. */
  static final int I64_LOAD = 26;

  /** Offset. */
  static final int I32_LOAD8_S = 27;

  /** Offset. */
  static final int I32_LOAD8_U = 28;

  /** Offset. */
  static final int I32_LOAD16_S = 29;

  /** Offset. */
  static final int I32_LOAD16_U = 30;

  /** Offset. */
  static final int I64_LOAD8_S = 31;

  /** Offset. */
  static final int I64_LOAD8_U = 32;

  /** Offset. */
  static final int I64_LOAD16_S = 33;

  /** Offset. */
  static final int I64_LOAD16_U = 34;

  /** Offset. */
  static final int I64_LOAD32_S = 35;

  /** Offset. */
  static final int I64_LOAD32_U = 36;

  /** Offset. */
  static final int I32_STORE = 37;

  /** Offset. */
  static final int I64_STORE = 38;

  /** Offset. */
  static final int I32_STORE8 = 39;

  /** Offset. */
  static final int I32_STORE16 = 40;

  /** Offset. */
  static final int MEMORY_SIZE = 41;

  static final int MEMORY_GROW = 42;

  // Constants: i32 and f32 bits in one word; i64 and f64 bits in two (low, high).
  /** Value. */
  static final int CONST32 = 43;

  /** Low, high. */
  static final int CONST64 = 44;

  // Numeric instructions without immediates (reinterpretations and i32.wrap_i64
  // are no-ops on raw bits and are not emitted; i64.extendN_s share the i32/i64 ops that do the
  // same
  // thing to a raw 64-bit slot).
  static final int I32_EQZ = 45;
  static final int I32_EQ = 46;
  static final int I32_NE = 47;
  static final int I32_LT_S = 48;
  static final int I32_LT_U = 49;
  static final int I32_GT_S = 50;
  static final int I32_GT_U = 51;
  static final int I32_LE_S = 52;
  static final int I32_LE_U = 53;
  static final int I32_GE_S = 54;
  static final int I32_GE_U = 55;
  static final int I64_EQZ = 56;
  static final int I64_EQ = 57;
  static final int I64_NE = 58;
  static final int I64_LT_S = 59;
  static final int I64_LT_U = 60;
  static final int I64_GT_S = 61;
  static final int I64_GT_U = 62;
  static final int I64_LE_S = 63;
  static final int I64_LE_U = 64;
  static final int I64_GE_S = 65;
  static final int I64_GE_U = 66;
  static final int F32_EQ = 67;
  static final int F32_NE = 68;
  static final int F32_LT = 69;
  static final int F32_GT = 70;
  static final int F32_LE = 71;
  static final int F32_GE = 72;
  static final int F64_EQ = 73;
  static final int F64_NE = 74;
  static final int F64_LT = 75;
  static final int F64_GT = 76;
  static final int F64_LE = 77;
  static final int F64_GE = 78;
  static final int I32_CLZ = 79;
  static final int I32_CTZ = 80;
  static final int I32_POPCNT = 81;
  static final int I32_ADD = 82;
  static final int I32_SUB = 83;
  static final int I32_MUL = 84;
  static final int I32_DIV_S = 85;
  static final int I32_DIV_U = 86;
  static final int I32_REM_S = 87;
  static final int I32_REM_U = 88;
  static final int I32_AND = 89;
  static final int I32_OR = 90;
  static final int I32_XOR = 91;
  static final int I32_SHL = 92;
  static final int I32_SHR_S = 93;
  static final int I32_SHR_U = 94;
  static final int I32_ROTL = 95;
  static final int I32_ROTR = 96;
  static final int I64_CLZ = 97;
  static final int I64_CTZ = 98;
  static final int I64_POPCNT = 99;
  static final int I64_ADD = 100;
  static final int I64_SUB = 101;
  static final int I64_MUL = 102;
  static final int I64_DIV_S = 103;
  static final int I64_DIV_U = 104;
  static final int I64_REM_S = 105;
  static final int I64_REM_U = 106;
  static final int I64_AND = 107;
  static final int I64_OR = 108;
  static final int I64_XOR = 109;
  static final int I64_SHL = 110;
  static final int I64_SHR_S = 111;
  static final int I64_SHR_U = 112;
  static final int I64_ROTL = 113;
  static final int I64_ROTR = 114;
  static final int F32_ABS = 115;
  static final int F32_NEG = 116;
  static final int F32_CEIL = 117;
  static final int F32_FLOOR = 118;
  static final int F32_TRUNC = 119;
  static final int F32_NEAREST = 120;
  static final int F32_SQRT = 121;
  static final int F32_ADD = 122;
  static final int F32_SUB = 123;
  static final int F32_MUL = 124;
  static final int F32_DIV = 125;
  static final int F32_MIN = 126;
  static final int F32_MAX = 127;
  static final int F32_COPYSIGN = 128;
  static final int F64_ABS = 129;
  static final int F64_NEG = 130;
  static final int F64_CEIL = 131;
  static final int F64_FLOOR = 132;
  static final int F64_TRUNC = 133;
  static final int F64_NEAREST = 134;
  static final int F64_SQRT = 135;
  static final int F64_ADD = 136;
  static final int F64_SUB = 137;
  static final int F64_MUL = 138;
  static final int F64_DIV = 139;
  static final int F64_MIN = 140;
  static final int F64_MAX = 141;
  static final int F64_COPYSIGN = 142;
  static final int I32_TRUNC_F32_S = 143;
  static final int I32_TRUNC_F32_U = 144;
  static final int I32_TRUNC_F64_S = 145;
  static final int I32_TRUNC_F64_U = 146;
  static final int I64_EXTEND_I32_S = 147;
  static final int I64_EXTEND_I32_U = 148;
  static final int I64_TRUNC_F32_S = 149;
  static final int I64_TRUNC_F32_U = 150;
  static final int I64_TRUNC_F64_S = 151;
  static final int I64_TRUNC_F64_U = 152;
  static final int F32_CONVERT_I32_S = 153;
  static final int F32_CONVERT_I32_U = 154;
  static final int F32_CONVERT_I64_S = 155;
  static final int F32_CONVERT_I64_U = 156;
  static final int F32_DEMOTE_F64 = 157;
  static final int F64_CONVERT_I32_S = 158;
  static final int F64_CONVERT_I32_U = 159;
  static final int F64_CONVERT_I64_S = 160;
  static final int F64_CONVERT_I64_U = 161;
  static final int F64_PROMOTE_F32 = 162;
  static final int I32_EXTEND8_S = 163;
  static final int I32_EXTEND16_S = 164;
  static final int I32_TRUNC_SAT_F32_S = 165;
  static final int I32_TRUNC_SAT_F32_U = 166;
  static final int I32_TRUNC_SAT_F64_S = 167;
  static final int I32_TRUNC_SAT_F64_U = 168;
  static final int I64_TRUNC_SAT_F32_S = 169;
  static final int I64_TRUNC_SAT_F32_U = 170;
  static final int I64_TRUNC_SAT_F64_S = 171;
  static final int I64_TRUNC_SAT_F64_U = 172;

  // References, bulk memory and tables.
  static final int REF_NULL = 173;
  static final int REF_IS_NULL = 174;

  /** Function index. */
  static final int REF_FUNC = 175;

  /** Data index. */
  static final int MEMORY_INIT = 176;

  /** Data index. */
  static final int DATA_DROP = 177;

  static final int MEMORY_COPY = 178;
  static final int MEMORY_FILL = 179;

  /** Element index, table index. */
  static final int TABLE_INIT = 180;

  /** Element index. */
  static final int ELEM_DROP = 181;

  /** Destination table, source table. */
  static final int TABLE_COPY = 182;

  /** Table index. */
  static final int TABLE_GROW = 183;

  /** Table index. */
  static final int TABLE_SIZE = 184;

  /** Table index. */
  static final int TABLE_FILL = 185;

  // Fused sequences (see docs/interpreter.md for how they were chosen).
  /** Slot, slot: pushes two locals (local.get a; local.get b). */
  static final int LOCAL_GET2 = 186;

  /** Value: adds a constant to the top (i32.const c; i32.add, or i32.sub of -c). */
  static final int I32_ADD_CONST = 187;

  /** Slot, value: pushes a local plus a constant. */
  static final int LOCAL_I32_ADD_CONST = 188;

  /** Slot, value, slot: sets a local to a local plus a constant (i++). */
  static final int LOCAL_I32_ADD_CONST_SET = 189;

  /** Slot: adds a local to the top (local.get b; i32.add). */
  static final int I32_ADD_LOCAL = 190;

  /** Target: pops two i32s, jumps if i32.eq holds (compare then br_if or if). */
  static final int JUMP_IF_I32_EQ = 191;

  /** Target: pops two i32s, jumps if i32.ne holds (compare then br_if or if). */
  static final int JUMP_IF_I32_NE = 192;

  /** Target: pops two i32s, jumps if i32.lt_s holds (compare then br_if or if). */
  static final int JUMP_IF_I32_LT_S = 193;

  /** Target: pops two i32s, jumps if i32.lt_u holds (compare then br_if or if). */
  static final int JUMP_IF_I32_LT_U = 194;

  /** Target: pops two i32s, jumps if i32.gt_s holds (compare then br_if or if). */
  static final int JUMP_IF_I32_GT_S = 195;

  /** Target: pops two i32s, jumps if i32.gt_u holds (compare then br_if or if). */
  static final int JUMP_IF_I32_GT_U = 196;

  /** Target: pops two i32s, jumps if i32.le_s holds (compare then br_if or if). */
  static final int JUMP_IF_I32_LE_S = 197;

  /** Target: pops two i32s, jumps if i32.le_u holds (compare then br_if or if). */
  static final int JUMP_IF_I32_LE_U = 198;

  /** Target: pops two i32s, jumps if i32.ge_s holds (compare then br_if or if). */
  static final int JUMP_IF_I32_GE_S = 199;

  /** Target: pops two i32s, jumps if i32.ge_u holds (compare then br_if or if). */
  static final int JUMP_IF_I32_GE_U = 200;

  /**
   * Slot, slot, slot: sets local c to local a plus local b (local.get a; local.get b; i32.add;
   * local.set c).
   */
  static final int LOCAL_I32_ADD_LOCAL_SET = 201;

  /** Slot, offset: loads an i32 from a local address (local.get a; i32.load). */
  static final int LOCAL_I32_LOAD = 202;

  /** Slot, offset: loads an i32 byte, zero-extended, from a local address. */
  static final int LOCAL_I32_LOAD8_U = 203;

  /** Slot, offset: loads an i64 from a local address. */
  static final int LOCAL_I64_LOAD = 204;

  /**
   * A SIMD sub-opcode, then its immediates ({@link SimdInterpreter#immediates}): one case in the
   * dispatch loop for all of SIMD, which {@link SimdInterpreter} runs.
   */
  static final int SIMD = 205;

  /**
   * Loop ordinal: a loop header (every loop of the body counts, unreachable ones too). Counts
   * towards tier-up, and is where a long-running call switches to compiled code (OSR).
   */
  static final int LOOP = 206;

  /** The number of opcodes. */
  static final int COUNT = 207;

  private static final String[] NAMES = {
    "unreachable",
    "jump",
    "jump_if",
    "jump_if_not",
    "br_move",
    "br_if_move",
    "br_table",
    "return",
    "call",
    "call_indirect",
    "drop",
    "select",
    "select_ref",
    "local_get",
    "local_set",
    "local_tee",
    "local_get_ref",
    "local_set_ref",
    "local_tee_ref",
    "global_get",
    "global_set",
    "global_get_ref",
    "global_set_ref",
    "table_get",
    "table_set",
    "i32_load",
    "i64_load",
    "i32_load8_s",
    "i32_load8_u",
    "i32_load16_s",
    "i32_load16_u",
    "i64_load8_s",
    "i64_load8_u",
    "i64_load16_s",
    "i64_load16_u",
    "i64_load32_s",
    "i64_load32_u",
    "i32_store",
    "i64_store",
    "i32_store8",
    "i32_store16",
    "memory_size",
    "memory_grow",
    "const32",
    "const64",
    "i32_eqz",
    "i32_eq",
    "i32_ne",
    "i32_lt_s",
    "i32_lt_u",
    "i32_gt_s",
    "i32_gt_u",
    "i32_le_s",
    "i32_le_u",
    "i32_ge_s",
    "i32_ge_u",
    "i64_eqz",
    "i64_eq",
    "i64_ne",
    "i64_lt_s",
    "i64_lt_u",
    "i64_gt_s",
    "i64_gt_u",
    "i64_le_s",
    "i64_le_u",
    "i64_ge_s",
    "i64_ge_u",
    "f32_eq",
    "f32_ne",
    "f32_lt",
    "f32_gt",
    "f32_le",
    "f32_ge",
    "f64_eq",
    "f64_ne",
    "f64_lt",
    "f64_gt",
    "f64_le",
    "f64_ge",
    "i32_clz",
    "i32_ctz",
    "i32_popcnt",
    "i32_add",
    "i32_sub",
    "i32_mul",
    "i32_div_s",
    "i32_div_u",
    "i32_rem_s",
    "i32_rem_u",
    "i32_and",
    "i32_or",
    "i32_xor",
    "i32_shl",
    "i32_shr_s",
    "i32_shr_u",
    "i32_rotl",
    "i32_rotr",
    "i64_clz",
    "i64_ctz",
    "i64_popcnt",
    "i64_add",
    "i64_sub",
    "i64_mul",
    "i64_div_s",
    "i64_div_u",
    "i64_rem_s",
    "i64_rem_u",
    "i64_and",
    "i64_or",
    "i64_xor",
    "i64_shl",
    "i64_shr_s",
    "i64_shr_u",
    "i64_rotl",
    "i64_rotr",
    "f32_abs",
    "f32_neg",
    "f32_ceil",
    "f32_floor",
    "f32_trunc",
    "f32_nearest",
    "f32_sqrt",
    "f32_add",
    "f32_sub",
    "f32_mul",
    "f32_div",
    "f32_min",
    "f32_max",
    "f32_copysign",
    "f64_abs",
    "f64_neg",
    "f64_ceil",
    "f64_floor",
    "f64_trunc",
    "f64_nearest",
    "f64_sqrt",
    "f64_add",
    "f64_sub",
    "f64_mul",
    "f64_div",
    "f64_min",
    "f64_max",
    "f64_copysign",
    "i32_trunc_f32_s",
    "i32_trunc_f32_u",
    "i32_trunc_f64_s",
    "i32_trunc_f64_u",
    "i64_extend_i32_s",
    "i64_extend_i32_u",
    "i64_trunc_f32_s",
    "i64_trunc_f32_u",
    "i64_trunc_f64_s",
    "i64_trunc_f64_u",
    "f32_convert_i32_s",
    "f32_convert_i32_u",
    "f32_convert_i64_s",
    "f32_convert_i64_u",
    "f32_demote_f64",
    "f64_convert_i32_s",
    "f64_convert_i32_u",
    "f64_convert_i64_s",
    "f64_convert_i64_u",
    "f64_promote_f32",
    "i32_extend8_s",
    "i32_extend16_s",
    "i32_trunc_sat_f32_s",
    "i32_trunc_sat_f32_u",
    "i32_trunc_sat_f64_s",
    "i32_trunc_sat_f64_u",
    "i64_trunc_sat_f32_s",
    "i64_trunc_sat_f32_u",
    "i64_trunc_sat_f64_s",
    "i64_trunc_sat_f64_u",
    "ref_null",
    "ref_is_null",
    "ref_func",
    "memory_init",
    "data_drop",
    "memory_copy",
    "memory_fill",
    "table_init",
    "elem_drop",
    "table_copy",
    "table_grow",
    "table_size",
    "table_fill",
    "local_get2",
    "i32_add_const",
    "local_i32_add_const",
    "local_i32_add_const_set",
    "i32_add_local",
    "jump_if_i32_eq",
    "jump_if_i32_ne",
    "jump_if_i32_lt_s",
    "jump_if_i32_lt_u",
    "jump_if_i32_gt_s",
    "jump_if_i32_gt_u",
    "jump_if_i32_le_s",
    "jump_if_i32_le_u",
    "jump_if_i32_ge_s",
    "jump_if_i32_ge_u",
    "local_i32_add_local_set",
    "local_i32_load",
    "local_i32_load8_u",
    "local_i64_load",
    "simd",
    "loop",
  };

  /** A readable name for disassembly and messages. */
  static String name(int op) {
    return op >= 0 && op < NAMES.length ? NAMES[op] : "op" + op;
  }

  /** The name of the instruction at {@code pc}: for {@link #SIMD}, its sub-opcode's. */
  static String name(int[] code, int pc) {
    return code[pc] == SIMD ? "simd " + SimdInterpreter.name(code[pc + 1]) : name(code[pc]);
  }

  /** The length of the instruction at {@code pc}, opcode and immediates. */
  static int length(int[] code, int pc) {
    int op = code[pc];
    return switch (op) {
      case BR_MOVE, BR_IF_MOVE -> 4;
      case BR_TABLE -> 3 + 2 * code[pc + 2];
      case SIMD -> 2 + SimdInterpreter.immediates(code[pc + 1]);
      case CALL_INDIRECT, CONST64, TABLE_INIT, TABLE_COPY -> 3;
      case JUMP, JUMP_IF, JUMP_IF_NOT, RETURN, CALL, CONST32, REF_FUNC, LOOP -> 2;
      case LOCAL_I32_ADD_CONST_SET, LOCAL_I32_ADD_LOCAL_SET -> 4;
      case LOCAL_GET2, LOCAL_I32_ADD_CONST, LOCAL_I32_LOAD, LOCAL_I32_LOAD8_U, LOCAL_I64_LOAD -> 3;
      case I32_ADD_CONST, I32_ADD_LOCAL -> 2;
      case LOCAL_GET, LOCAL_SET, LOCAL_TEE, LOCAL_GET_REF, LOCAL_SET_REF, LOCAL_TEE_REF -> 2;
      case GLOBAL_GET, GLOBAL_SET, GLOBAL_GET_REF, GLOBAL_SET_REF, TABLE_GET, TABLE_SET -> 2;
      case MEMORY_INIT, DATA_DROP, ELEM_DROP, TABLE_GROW, TABLE_SIZE, TABLE_FILL -> 2;
      default ->
          (op >= I32_LOAD && op <= I32_STORE16) || (op >= JUMP_IF_I32_EQ && op <= JUMP_IF_I32_GE_U)
              ? 2
              : 1;
    };
  }
}

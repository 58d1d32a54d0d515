package dev.cortado.wasm.code;

import dev.cortado.wasm.ValType;
import java.util.List;

/**
 * Every WebAssembly instruction, with its binary encoding, text mnemonic and immediates.
 *
 * <p>This one table feeds the decoder, the text parser, the writer, the validator and the
 * interpreter. For instructions whose typing is a fixed {@code [params] -> [results]} (numeric,
 * memory access, bulk memory with fixed operands) {@link #params()} and {@link #results()} give it;
 * instructions whose typing depends on context (control, variables, tables with a reference type,
 * {@code select}, references) have {@link #hasFixedSignature()} false.
 */
public enum Opcode {
  UNREACHABLE(0x00, 0x00, "unreachable", Immediate.NONE, null),
  NOP(0x00, 0x01, "nop", Immediate.NONE, null),
  BLOCK(0x00, 0x02, "block", Immediate.BLOCK_TYPE, null),
  LOOP(0x00, 0x03, "loop", Immediate.BLOCK_TYPE, null),
  IF(0x00, 0x04, "if", Immediate.BLOCK_TYPE, null),
  ELSE(0x00, 0x05, "else", Immediate.NONE, null),
  END(0x00, 0x0B, "end", Immediate.NONE, null),
  BR(0x00, 0x0C, "br", Immediate.LABEL, null),
  BR_IF(0x00, 0x0D, "br_if", Immediate.LABEL, null),
  BR_TABLE(0x00, 0x0E, "br_table", Immediate.LABEL_TABLE, null),
  RETURN(0x00, 0x0F, "return", Immediate.NONE, null),
  CALL(0x00, 0x10, "call", Immediate.FUNC, null),
  CALL_INDIRECT(0x00, 0x11, "call_indirect", Immediate.TYPE_TABLE, null),
  DROP(0x00, 0x1A, "drop", Immediate.NONE, null),
  SELECT(0x00, 0x1B, "select", Immediate.NONE, null),
  SELECT_TYPED(0x00, 0x1C, "select", Immediate.VALUE_TYPES, null),
  LOCAL_GET(0x00, 0x20, "local.get", Immediate.LOCAL, null),
  LOCAL_SET(0x00, 0x21, "local.set", Immediate.LOCAL, null),
  LOCAL_TEE(0x00, 0x22, "local.tee", Immediate.LOCAL, null),
  GLOBAL_GET(0x00, 0x23, "global.get", Immediate.GLOBAL, null),
  GLOBAL_SET(0x00, 0x24, "global.set", Immediate.GLOBAL, null),
  TABLE_GET(0x00, 0x25, "table.get", Immediate.TABLE, null),
  TABLE_SET(0x00, 0x26, "table.set", Immediate.TABLE, null),
  I32_LOAD(0x00, 0x28, "i32.load", Immediate.MEMARG, "i:i"),
  I64_LOAD(0x00, 0x29, "i64.load", Immediate.MEMARG, "i:l"),
  F32_LOAD(0x00, 0x2A, "f32.load", Immediate.MEMARG, "i:f"),
  F64_LOAD(0x00, 0x2B, "f64.load", Immediate.MEMARG, "i:d"),
  I32_LOAD8_S(0x00, 0x2C, "i32.load8_s", Immediate.MEMARG, "i:i"),
  I32_LOAD8_U(0x00, 0x2D, "i32.load8_u", Immediate.MEMARG, "i:i"),
  I32_LOAD16_S(0x00, 0x2E, "i32.load16_s", Immediate.MEMARG, "i:i"),
  I32_LOAD16_U(0x00, 0x2F, "i32.load16_u", Immediate.MEMARG, "i:i"),
  I64_LOAD8_S(0x00, 0x30, "i64.load8_s", Immediate.MEMARG, "i:l"),
  I64_LOAD8_U(0x00, 0x31, "i64.load8_u", Immediate.MEMARG, "i:l"),
  I64_LOAD16_S(0x00, 0x32, "i64.load16_s", Immediate.MEMARG, "i:l"),
  I64_LOAD16_U(0x00, 0x33, "i64.load16_u", Immediate.MEMARG, "i:l"),
  I64_LOAD32_S(0x00, 0x34, "i64.load32_s", Immediate.MEMARG, "i:l"),
  I64_LOAD32_U(0x00, 0x35, "i64.load32_u", Immediate.MEMARG, "i:l"),
  I32_STORE(0x00, 0x36, "i32.store", Immediate.MEMARG, "ii:"),
  I64_STORE(0x00, 0x37, "i64.store", Immediate.MEMARG, "il:"),
  F32_STORE(0x00, 0x38, "f32.store", Immediate.MEMARG, "if:"),
  F64_STORE(0x00, 0x39, "f64.store", Immediate.MEMARG, "id:"),
  I32_STORE8(0x00, 0x3A, "i32.store8", Immediate.MEMARG, "ii:"),
  I32_STORE16(0x00, 0x3B, "i32.store16", Immediate.MEMARG, "ii:"),
  I64_STORE8(0x00, 0x3C, "i64.store8", Immediate.MEMARG, "il:"),
  I64_STORE16(0x00, 0x3D, "i64.store16", Immediate.MEMARG, "il:"),
  I64_STORE32(0x00, 0x3E, "i64.store32", Immediate.MEMARG, "il:"),
  MEMORY_SIZE(0x00, 0x3F, "memory.size", Immediate.MEMORY, ":i"),
  MEMORY_GROW(0x00, 0x40, "memory.grow", Immediate.MEMORY, "i:i"),
  I32_CONST(0x00, 0x41, "i32.const", Immediate.I32, ":i"),
  I64_CONST(0x00, 0x42, "i64.const", Immediate.I64, ":l"),
  F32_CONST(0x00, 0x43, "f32.const", Immediate.F32, ":f"),
  F64_CONST(0x00, 0x44, "f64.const", Immediate.F64, ":d"),
  I32_EQZ(0x00, 0x45, "i32.eqz", Immediate.NONE, "i:i"),
  I32_EQ(0x00, 0x46, "i32.eq", Immediate.NONE, "ii:i"),
  I32_NE(0x00, 0x47, "i32.ne", Immediate.NONE, "ii:i"),
  I32_LT_S(0x00, 0x48, "i32.lt_s", Immediate.NONE, "ii:i"),
  I32_LT_U(0x00, 0x49, "i32.lt_u", Immediate.NONE, "ii:i"),
  I32_GT_S(0x00, 0x4A, "i32.gt_s", Immediate.NONE, "ii:i"),
  I32_GT_U(0x00, 0x4B, "i32.gt_u", Immediate.NONE, "ii:i"),
  I32_LE_S(0x00, 0x4C, "i32.le_s", Immediate.NONE, "ii:i"),
  I32_LE_U(0x00, 0x4D, "i32.le_u", Immediate.NONE, "ii:i"),
  I32_GE_S(0x00, 0x4E, "i32.ge_s", Immediate.NONE, "ii:i"),
  I32_GE_U(0x00, 0x4F, "i32.ge_u", Immediate.NONE, "ii:i"),
  I64_EQZ(0x00, 0x50, "i64.eqz", Immediate.NONE, "l:i"),
  I64_EQ(0x00, 0x51, "i64.eq", Immediate.NONE, "ll:i"),
  I64_NE(0x00, 0x52, "i64.ne", Immediate.NONE, "ll:i"),
  I64_LT_S(0x00, 0x53, "i64.lt_s", Immediate.NONE, "ll:i"),
  I64_LT_U(0x00, 0x54, "i64.lt_u", Immediate.NONE, "ll:i"),
  I64_GT_S(0x00, 0x55, "i64.gt_s", Immediate.NONE, "ll:i"),
  I64_GT_U(0x00, 0x56, "i64.gt_u", Immediate.NONE, "ll:i"),
  I64_LE_S(0x00, 0x57, "i64.le_s", Immediate.NONE, "ll:i"),
  I64_LE_U(0x00, 0x58, "i64.le_u", Immediate.NONE, "ll:i"),
  I64_GE_S(0x00, 0x59, "i64.ge_s", Immediate.NONE, "ll:i"),
  I64_GE_U(0x00, 0x5A, "i64.ge_u", Immediate.NONE, "ll:i"),
  F32_EQ(0x00, 0x5B, "f32.eq", Immediate.NONE, "ff:i"),
  F32_NE(0x00, 0x5C, "f32.ne", Immediate.NONE, "ff:i"),
  F32_LT(0x00, 0x5D, "f32.lt", Immediate.NONE, "ff:i"),
  F32_GT(0x00, 0x5E, "f32.gt", Immediate.NONE, "ff:i"),
  F32_LE(0x00, 0x5F, "f32.le", Immediate.NONE, "ff:i"),
  F32_GE(0x00, 0x60, "f32.ge", Immediate.NONE, "ff:i"),
  F64_EQ(0x00, 0x61, "f64.eq", Immediate.NONE, "dd:i"),
  F64_NE(0x00, 0x62, "f64.ne", Immediate.NONE, "dd:i"),
  F64_LT(0x00, 0x63, "f64.lt", Immediate.NONE, "dd:i"),
  F64_GT(0x00, 0x64, "f64.gt", Immediate.NONE, "dd:i"),
  F64_LE(0x00, 0x65, "f64.le", Immediate.NONE, "dd:i"),
  F64_GE(0x00, 0x66, "f64.ge", Immediate.NONE, "dd:i"),
  I32_CLZ(0x00, 0x67, "i32.clz", Immediate.NONE, "i:i"),
  I32_CTZ(0x00, 0x68, "i32.ctz", Immediate.NONE, "i:i"),
  I32_POPCNT(0x00, 0x69, "i32.popcnt", Immediate.NONE, "i:i"),
  I32_ADD(0x00, 0x6A, "i32.add", Immediate.NONE, "ii:i"),
  I32_SUB(0x00, 0x6B, "i32.sub", Immediate.NONE, "ii:i"),
  I32_MUL(0x00, 0x6C, "i32.mul", Immediate.NONE, "ii:i"),
  I32_DIV_S(0x00, 0x6D, "i32.div_s", Immediate.NONE, "ii:i"),
  I32_DIV_U(0x00, 0x6E, "i32.div_u", Immediate.NONE, "ii:i"),
  I32_REM_S(0x00, 0x6F, "i32.rem_s", Immediate.NONE, "ii:i"),
  I32_REM_U(0x00, 0x70, "i32.rem_u", Immediate.NONE, "ii:i"),
  I32_AND(0x00, 0x71, "i32.and", Immediate.NONE, "ii:i"),
  I32_OR(0x00, 0x72, "i32.or", Immediate.NONE, "ii:i"),
  I32_XOR(0x00, 0x73, "i32.xor", Immediate.NONE, "ii:i"),
  I32_SHL(0x00, 0x74, "i32.shl", Immediate.NONE, "ii:i"),
  I32_SHR_S(0x00, 0x75, "i32.shr_s", Immediate.NONE, "ii:i"),
  I32_SHR_U(0x00, 0x76, "i32.shr_u", Immediate.NONE, "ii:i"),
  I32_ROTL(0x00, 0x77, "i32.rotl", Immediate.NONE, "ii:i"),
  I32_ROTR(0x00, 0x78, "i32.rotr", Immediate.NONE, "ii:i"),
  I64_CLZ(0x00, 0x79, "i64.clz", Immediate.NONE, "l:l"),
  I64_CTZ(0x00, 0x7A, "i64.ctz", Immediate.NONE, "l:l"),
  I64_POPCNT(0x00, 0x7B, "i64.popcnt", Immediate.NONE, "l:l"),
  I64_ADD(0x00, 0x7C, "i64.add", Immediate.NONE, "ll:l"),
  I64_SUB(0x00, 0x7D, "i64.sub", Immediate.NONE, "ll:l"),
  I64_MUL(0x00, 0x7E, "i64.mul", Immediate.NONE, "ll:l"),
  I64_DIV_S(0x00, 0x7F, "i64.div_s", Immediate.NONE, "ll:l"),
  I64_DIV_U(0x00, 0x80, "i64.div_u", Immediate.NONE, "ll:l"),
  I64_REM_S(0x00, 0x81, "i64.rem_s", Immediate.NONE, "ll:l"),
  I64_REM_U(0x00, 0x82, "i64.rem_u", Immediate.NONE, "ll:l"),
  I64_AND(0x00, 0x83, "i64.and", Immediate.NONE, "ll:l"),
  I64_OR(0x00, 0x84, "i64.or", Immediate.NONE, "ll:l"),
  I64_XOR(0x00, 0x85, "i64.xor", Immediate.NONE, "ll:l"),
  I64_SHL(0x00, 0x86, "i64.shl", Immediate.NONE, "ll:l"),
  I64_SHR_S(0x00, 0x87, "i64.shr_s", Immediate.NONE, "ll:l"),
  I64_SHR_U(0x00, 0x88, "i64.shr_u", Immediate.NONE, "ll:l"),
  I64_ROTL(0x00, 0x89, "i64.rotl", Immediate.NONE, "ll:l"),
  I64_ROTR(0x00, 0x8A, "i64.rotr", Immediate.NONE, "ll:l"),
  F32_ABS(0x00, 0x8B, "f32.abs", Immediate.NONE, "f:f"),
  F32_NEG(0x00, 0x8C, "f32.neg", Immediate.NONE, "f:f"),
  F32_CEIL(0x00, 0x8D, "f32.ceil", Immediate.NONE, "f:f"),
  F32_FLOOR(0x00, 0x8E, "f32.floor", Immediate.NONE, "f:f"),
  F32_TRUNC(0x00, 0x8F, "f32.trunc", Immediate.NONE, "f:f"),
  F32_NEAREST(0x00, 0x90, "f32.nearest", Immediate.NONE, "f:f"),
  F32_SQRT(0x00, 0x91, "f32.sqrt", Immediate.NONE, "f:f"),
  F32_ADD(0x00, 0x92, "f32.add", Immediate.NONE, "ff:f"),
  F32_SUB(0x00, 0x93, "f32.sub", Immediate.NONE, "ff:f"),
  F32_MUL(0x00, 0x94, "f32.mul", Immediate.NONE, "ff:f"),
  F32_DIV(0x00, 0x95, "f32.div", Immediate.NONE, "ff:f"),
  F32_MIN(0x00, 0x96, "f32.min", Immediate.NONE, "ff:f"),
  F32_MAX(0x00, 0x97, "f32.max", Immediate.NONE, "ff:f"),
  F32_COPYSIGN(0x00, 0x98, "f32.copysign", Immediate.NONE, "ff:f"),
  F64_ABS(0x00, 0x99, "f64.abs", Immediate.NONE, "d:d"),
  F64_NEG(0x00, 0x9A, "f64.neg", Immediate.NONE, "d:d"),
  F64_CEIL(0x00, 0x9B, "f64.ceil", Immediate.NONE, "d:d"),
  F64_FLOOR(0x00, 0x9C, "f64.floor", Immediate.NONE, "d:d"),
  F64_TRUNC(0x00, 0x9D, "f64.trunc", Immediate.NONE, "d:d"),
  F64_NEAREST(0x00, 0x9E, "f64.nearest", Immediate.NONE, "d:d"),
  F64_SQRT(0x00, 0x9F, "f64.sqrt", Immediate.NONE, "d:d"),
  F64_ADD(0x00, 0xA0, "f64.add", Immediate.NONE, "dd:d"),
  F64_SUB(0x00, 0xA1, "f64.sub", Immediate.NONE, "dd:d"),
  F64_MUL(0x00, 0xA2, "f64.mul", Immediate.NONE, "dd:d"),
  F64_DIV(0x00, 0xA3, "f64.div", Immediate.NONE, "dd:d"),
  F64_MIN(0x00, 0xA4, "f64.min", Immediate.NONE, "dd:d"),
  F64_MAX(0x00, 0xA5, "f64.max", Immediate.NONE, "dd:d"),
  F64_COPYSIGN(0x00, 0xA6, "f64.copysign", Immediate.NONE, "dd:d"),
  I32_WRAP_I64(0x00, 0xA7, "i32.wrap_i64", Immediate.NONE, "l:i"),
  I32_TRUNC_F32_S(0x00, 0xA8, "i32.trunc_f32_s", Immediate.NONE, "f:i"),
  I32_TRUNC_F32_U(0x00, 0xA9, "i32.trunc_f32_u", Immediate.NONE, "f:i"),
  I32_TRUNC_F64_S(0x00, 0xAA, "i32.trunc_f64_s", Immediate.NONE, "d:i"),
  I32_TRUNC_F64_U(0x00, 0xAB, "i32.trunc_f64_u", Immediate.NONE, "d:i"),
  I64_EXTEND_I32_S(0x00, 0xAC, "i64.extend_i32_s", Immediate.NONE, "i:l"),
  I64_EXTEND_I32_U(0x00, 0xAD, "i64.extend_i32_u", Immediate.NONE, "i:l"),
  I64_TRUNC_F32_S(0x00, 0xAE, "i64.trunc_f32_s", Immediate.NONE, "f:l"),
  I64_TRUNC_F32_U(0x00, 0xAF, "i64.trunc_f32_u", Immediate.NONE, "f:l"),
  I64_TRUNC_F64_S(0x00, 0xB0, "i64.trunc_f64_s", Immediate.NONE, "d:l"),
  I64_TRUNC_F64_U(0x00, 0xB1, "i64.trunc_f64_u", Immediate.NONE, "d:l"),
  F32_CONVERT_I32_S(0x00, 0xB2, "f32.convert_i32_s", Immediate.NONE, "i:f"),
  F32_CONVERT_I32_U(0x00, 0xB3, "f32.convert_i32_u", Immediate.NONE, "i:f"),
  F32_CONVERT_I64_S(0x00, 0xB4, "f32.convert_i64_s", Immediate.NONE, "l:f"),
  F32_CONVERT_I64_U(0x00, 0xB5, "f32.convert_i64_u", Immediate.NONE, "l:f"),
  F32_DEMOTE_F64(0x00, 0xB6, "f32.demote_f64", Immediate.NONE, "d:f"),
  F64_CONVERT_I32_S(0x00, 0xB7, "f64.convert_i32_s", Immediate.NONE, "i:d"),
  F64_CONVERT_I32_U(0x00, 0xB8, "f64.convert_i32_u", Immediate.NONE, "i:d"),
  F64_CONVERT_I64_S(0x00, 0xB9, "f64.convert_i64_s", Immediate.NONE, "l:d"),
  F64_CONVERT_I64_U(0x00, 0xBA, "f64.convert_i64_u", Immediate.NONE, "l:d"),
  F64_PROMOTE_F32(0x00, 0xBB, "f64.promote_f32", Immediate.NONE, "f:d"),
  I32_REINTERPRET_F32(0x00, 0xBC, "i32.reinterpret_f32", Immediate.NONE, "f:i"),
  I64_REINTERPRET_F64(0x00, 0xBD, "i64.reinterpret_f64", Immediate.NONE, "d:l"),
  F32_REINTERPRET_I32(0x00, 0xBE, "f32.reinterpret_i32", Immediate.NONE, "i:f"),
  F64_REINTERPRET_I64(0x00, 0xBF, "f64.reinterpret_i64", Immediate.NONE, "l:d"),
  I32_EXTEND8_S(0x00, 0xC0, "i32.extend8_s", Immediate.NONE, "i:i"),
  I32_EXTEND16_S(0x00, 0xC1, "i32.extend16_s", Immediate.NONE, "i:i"),
  I64_EXTEND8_S(0x00, 0xC2, "i64.extend8_s", Immediate.NONE, "l:l"),
  I64_EXTEND16_S(0x00, 0xC3, "i64.extend16_s", Immediate.NONE, "l:l"),
  I64_EXTEND32_S(0x00, 0xC4, "i64.extend32_s", Immediate.NONE, "l:l"),
  REF_NULL(0x00, 0xD0, "ref.null", Immediate.REF_TYPE, null),
  REF_IS_NULL(0x00, 0xD1, "ref.is_null", Immediate.NONE, null),
  REF_FUNC(0x00, 0xD2, "ref.func", Immediate.FUNC, null),
  I32_TRUNC_SAT_F32_S(0xFC, 0x00, "i32.trunc_sat_f32_s", Immediate.NONE, "f:i"),
  I32_TRUNC_SAT_F32_U(0xFC, 0x01, "i32.trunc_sat_f32_u", Immediate.NONE, "f:i"),
  I32_TRUNC_SAT_F64_S(0xFC, 0x02, "i32.trunc_sat_f64_s", Immediate.NONE, "d:i"),
  I32_TRUNC_SAT_F64_U(0xFC, 0x03, "i32.trunc_sat_f64_u", Immediate.NONE, "d:i"),
  I64_TRUNC_SAT_F32_S(0xFC, 0x04, "i64.trunc_sat_f32_s", Immediate.NONE, "f:l"),
  I64_TRUNC_SAT_F32_U(0xFC, 0x05, "i64.trunc_sat_f32_u", Immediate.NONE, "f:l"),
  I64_TRUNC_SAT_F64_S(0xFC, 0x06, "i64.trunc_sat_f64_s", Immediate.NONE, "d:l"),
  I64_TRUNC_SAT_F64_U(0xFC, 0x07, "i64.trunc_sat_f64_u", Immediate.NONE, "d:l"),
  MEMORY_INIT(0xFC, 0x08, "memory.init", Immediate.DATA_MEMORY, "iii:"),
  DATA_DROP(0xFC, 0x09, "data.drop", Immediate.DATA, ":"),
  MEMORY_COPY(0xFC, 0x0A, "memory.copy", Immediate.MEMORY_MEMORY, "iii:"),
  MEMORY_FILL(0xFC, 0x0B, "memory.fill", Immediate.MEMORY, "iii:"),
  TABLE_INIT(0xFC, 0x0C, "table.init", Immediate.ELEM_TABLE, "iii:"),
  ELEM_DROP(0xFC, 0x0D, "elem.drop", Immediate.ELEM, ":"),
  TABLE_COPY(0xFC, 0x0E, "table.copy", Immediate.TABLE_TABLE, "iii:"),
  TABLE_GROW(0xFC, 0x0F, "table.grow", Immediate.TABLE, null),
  TABLE_SIZE(0xFC, 0x10, "table.size", Immediate.TABLE, ":i"),
  TABLE_FILL(0xFC, 0x11, "table.fill", Immediate.TABLE, null),
  // Fixed-width SIMD (spec 5.4.8), prefix 0xFD, in sub-opcode order.
  V128_LOAD(0xFD, 0x00, "v128.load", Immediate.MEMARG, "i:v"),
  V128_LOAD8X8_S(0xFD, 0x01, "v128.load8x8_s", Immediate.MEMARG, "i:v"),
  V128_LOAD8X8_U(0xFD, 0x02, "v128.load8x8_u", Immediate.MEMARG, "i:v"),
  V128_LOAD16X4_S(0xFD, 0x03, "v128.load16x4_s", Immediate.MEMARG, "i:v"),
  V128_LOAD16X4_U(0xFD, 0x04, "v128.load16x4_u", Immediate.MEMARG, "i:v"),
  V128_LOAD32X2_S(0xFD, 0x05, "v128.load32x2_s", Immediate.MEMARG, "i:v"),
  V128_LOAD32X2_U(0xFD, 0x06, "v128.load32x2_u", Immediate.MEMARG, "i:v"),
  V128_LOAD8_SPLAT(0xFD, 0x07, "v128.load8_splat", Immediate.MEMARG, "i:v"),
  V128_LOAD16_SPLAT(0xFD, 0x08, "v128.load16_splat", Immediate.MEMARG, "i:v"),
  V128_LOAD32_SPLAT(0xFD, 0x09, "v128.load32_splat", Immediate.MEMARG, "i:v"),
  V128_LOAD64_SPLAT(0xFD, 0x0A, "v128.load64_splat", Immediate.MEMARG, "i:v"),
  V128_STORE(0xFD, 0x0B, "v128.store", Immediate.MEMARG, "iv:"),
  V128_CONST(0xFD, 0x0C, "v128.const", Immediate.V128, ":v"),
  I8X16_SHUFFLE(0xFD, 0x0D, "i8x16.shuffle", Immediate.SHUFFLE, "vv:v"),
  I8X16_SWIZZLE(0xFD, 0x0E, "i8x16.swizzle", Immediate.NONE, "vv:v"),
  I8X16_SPLAT(0xFD, 0x0F, "i8x16.splat", Immediate.NONE, "i:v"),
  I16X8_SPLAT(0xFD, 0x10, "i16x8.splat", Immediate.NONE, "i:v"),
  I32X4_SPLAT(0xFD, 0x11, "i32x4.splat", Immediate.NONE, "i:v"),
  I64X2_SPLAT(0xFD, 0x12, "i64x2.splat", Immediate.NONE, "l:v"),
  F32X4_SPLAT(0xFD, 0x13, "f32x4.splat", Immediate.NONE, "f:v"),
  F64X2_SPLAT(0xFD, 0x14, "f64x2.splat", Immediate.NONE, "d:v"),
  I8X16_EXTRACT_LANE_S(0xFD, 0x15, "i8x16.extract_lane_s", Immediate.LANE, "v:i"),
  I8X16_EXTRACT_LANE_U(0xFD, 0x16, "i8x16.extract_lane_u", Immediate.LANE, "v:i"),
  I8X16_REPLACE_LANE(0xFD, 0x17, "i8x16.replace_lane", Immediate.LANE, "vi:v"),
  I16X8_EXTRACT_LANE_S(0xFD, 0x18, "i16x8.extract_lane_s", Immediate.LANE, "v:i"),
  I16X8_EXTRACT_LANE_U(0xFD, 0x19, "i16x8.extract_lane_u", Immediate.LANE, "v:i"),
  I16X8_REPLACE_LANE(0xFD, 0x1A, "i16x8.replace_lane", Immediate.LANE, "vi:v"),
  I32X4_EXTRACT_LANE(0xFD, 0x1B, "i32x4.extract_lane", Immediate.LANE, "v:i"),
  I32X4_REPLACE_LANE(0xFD, 0x1C, "i32x4.replace_lane", Immediate.LANE, "vi:v"),
  I64X2_EXTRACT_LANE(0xFD, 0x1D, "i64x2.extract_lane", Immediate.LANE, "v:l"),
  I64X2_REPLACE_LANE(0xFD, 0x1E, "i64x2.replace_lane", Immediate.LANE, "vl:v"),
  F32X4_EXTRACT_LANE(0xFD, 0x1F, "f32x4.extract_lane", Immediate.LANE, "v:f"),
  F32X4_REPLACE_LANE(0xFD, 0x20, "f32x4.replace_lane", Immediate.LANE, "vf:v"),
  F64X2_EXTRACT_LANE(0xFD, 0x21, "f64x2.extract_lane", Immediate.LANE, "v:d"),
  F64X2_REPLACE_LANE(0xFD, 0x22, "f64x2.replace_lane", Immediate.LANE, "vd:v"),
  I8X16_EQ(0xFD, 0x23, "i8x16.eq", Immediate.NONE, "vv:v"),
  I8X16_NE(0xFD, 0x24, "i8x16.ne", Immediate.NONE, "vv:v"),
  I8X16_LT_S(0xFD, 0x25, "i8x16.lt_s", Immediate.NONE, "vv:v"),
  I8X16_LT_U(0xFD, 0x26, "i8x16.lt_u", Immediate.NONE, "vv:v"),
  I8X16_GT_S(0xFD, 0x27, "i8x16.gt_s", Immediate.NONE, "vv:v"),
  I8X16_GT_U(0xFD, 0x28, "i8x16.gt_u", Immediate.NONE, "vv:v"),
  I8X16_LE_S(0xFD, 0x29, "i8x16.le_s", Immediate.NONE, "vv:v"),
  I8X16_LE_U(0xFD, 0x2A, "i8x16.le_u", Immediate.NONE, "vv:v"),
  I8X16_GE_S(0xFD, 0x2B, "i8x16.ge_s", Immediate.NONE, "vv:v"),
  I8X16_GE_U(0xFD, 0x2C, "i8x16.ge_u", Immediate.NONE, "vv:v"),
  I16X8_EQ(0xFD, 0x2D, "i16x8.eq", Immediate.NONE, "vv:v"),
  I16X8_NE(0xFD, 0x2E, "i16x8.ne", Immediate.NONE, "vv:v"),
  I16X8_LT_S(0xFD, 0x2F, "i16x8.lt_s", Immediate.NONE, "vv:v"),
  I16X8_LT_U(0xFD, 0x30, "i16x8.lt_u", Immediate.NONE, "vv:v"),
  I16X8_GT_S(0xFD, 0x31, "i16x8.gt_s", Immediate.NONE, "vv:v"),
  I16X8_GT_U(0xFD, 0x32, "i16x8.gt_u", Immediate.NONE, "vv:v"),
  I16X8_LE_S(0xFD, 0x33, "i16x8.le_s", Immediate.NONE, "vv:v"),
  I16X8_LE_U(0xFD, 0x34, "i16x8.le_u", Immediate.NONE, "vv:v"),
  I16X8_GE_S(0xFD, 0x35, "i16x8.ge_s", Immediate.NONE, "vv:v"),
  I16X8_GE_U(0xFD, 0x36, "i16x8.ge_u", Immediate.NONE, "vv:v"),
  I32X4_EQ(0xFD, 0x37, "i32x4.eq", Immediate.NONE, "vv:v"),
  I32X4_NE(0xFD, 0x38, "i32x4.ne", Immediate.NONE, "vv:v"),
  I32X4_LT_S(0xFD, 0x39, "i32x4.lt_s", Immediate.NONE, "vv:v"),
  I32X4_LT_U(0xFD, 0x3A, "i32x4.lt_u", Immediate.NONE, "vv:v"),
  I32X4_GT_S(0xFD, 0x3B, "i32x4.gt_s", Immediate.NONE, "vv:v"),
  I32X4_GT_U(0xFD, 0x3C, "i32x4.gt_u", Immediate.NONE, "vv:v"),
  I32X4_LE_S(0xFD, 0x3D, "i32x4.le_s", Immediate.NONE, "vv:v"),
  I32X4_LE_U(0xFD, 0x3E, "i32x4.le_u", Immediate.NONE, "vv:v"),
  I32X4_GE_S(0xFD, 0x3F, "i32x4.ge_s", Immediate.NONE, "vv:v"),
  I32X4_GE_U(0xFD, 0x40, "i32x4.ge_u", Immediate.NONE, "vv:v"),
  F32X4_EQ(0xFD, 0x41, "f32x4.eq", Immediate.NONE, "vv:v"),
  F32X4_NE(0xFD, 0x42, "f32x4.ne", Immediate.NONE, "vv:v"),
  F32X4_LT(0xFD, 0x43, "f32x4.lt", Immediate.NONE, "vv:v"),
  F32X4_GT(0xFD, 0x44, "f32x4.gt", Immediate.NONE, "vv:v"),
  F32X4_LE(0xFD, 0x45, "f32x4.le", Immediate.NONE, "vv:v"),
  F32X4_GE(0xFD, 0x46, "f32x4.ge", Immediate.NONE, "vv:v"),
  F64X2_EQ(0xFD, 0x47, "f64x2.eq", Immediate.NONE, "vv:v"),
  F64X2_NE(0xFD, 0x48, "f64x2.ne", Immediate.NONE, "vv:v"),
  F64X2_LT(0xFD, 0x49, "f64x2.lt", Immediate.NONE, "vv:v"),
  F64X2_GT(0xFD, 0x4A, "f64x2.gt", Immediate.NONE, "vv:v"),
  F64X2_LE(0xFD, 0x4B, "f64x2.le", Immediate.NONE, "vv:v"),
  F64X2_GE(0xFD, 0x4C, "f64x2.ge", Immediate.NONE, "vv:v"),
  V128_NOT(0xFD, 0x4D, "v128.not", Immediate.NONE, "v:v"),
  V128_AND(0xFD, 0x4E, "v128.and", Immediate.NONE, "vv:v"),
  V128_ANDNOT(0xFD, 0x4F, "v128.andnot", Immediate.NONE, "vv:v"),
  V128_OR(0xFD, 0x50, "v128.or", Immediate.NONE, "vv:v"),
  V128_XOR(0xFD, 0x51, "v128.xor", Immediate.NONE, "vv:v"),
  V128_BITSELECT(0xFD, 0x52, "v128.bitselect", Immediate.NONE, "vvv:v"),
  V128_ANY_TRUE(0xFD, 0x53, "v128.any_true", Immediate.NONE, "v:i"),
  V128_LOAD8_LANE(0xFD, 0x54, "v128.load8_lane", Immediate.MEMARG_LANE, "iv:v"),
  V128_LOAD16_LANE(0xFD, 0x55, "v128.load16_lane", Immediate.MEMARG_LANE, "iv:v"),
  V128_LOAD32_LANE(0xFD, 0x56, "v128.load32_lane", Immediate.MEMARG_LANE, "iv:v"),
  V128_LOAD64_LANE(0xFD, 0x57, "v128.load64_lane", Immediate.MEMARG_LANE, "iv:v"),
  V128_STORE8_LANE(0xFD, 0x58, "v128.store8_lane", Immediate.MEMARG_LANE, "iv:"),
  V128_STORE16_LANE(0xFD, 0x59, "v128.store16_lane", Immediate.MEMARG_LANE, "iv:"),
  V128_STORE32_LANE(0xFD, 0x5A, "v128.store32_lane", Immediate.MEMARG_LANE, "iv:"),
  V128_STORE64_LANE(0xFD, 0x5B, "v128.store64_lane", Immediate.MEMARG_LANE, "iv:"),
  V128_LOAD32_ZERO(0xFD, 0x5C, "v128.load32_zero", Immediate.MEMARG, "i:v"),
  V128_LOAD64_ZERO(0xFD, 0x5D, "v128.load64_zero", Immediate.MEMARG, "i:v"),
  F32X4_DEMOTE_F64X2_ZERO(0xFD, 0x5E, "f32x4.demote_f64x2_zero", Immediate.NONE, "v:v"),
  F64X2_PROMOTE_LOW_F32X4(0xFD, 0x5F, "f64x2.promote_low_f32x4", Immediate.NONE, "v:v"),
  I8X16_ABS(0xFD, 0x60, "i8x16.abs", Immediate.NONE, "v:v"),
  I8X16_NEG(0xFD, 0x61, "i8x16.neg", Immediate.NONE, "v:v"),
  I8X16_POPCNT(0xFD, 0x62, "i8x16.popcnt", Immediate.NONE, "v:v"),
  I8X16_ALL_TRUE(0xFD, 0x63, "i8x16.all_true", Immediate.NONE, "v:i"),
  I8X16_BITMASK(0xFD, 0x64, "i8x16.bitmask", Immediate.NONE, "v:i"),
  I8X16_NARROW_I16X8_S(0xFD, 0x65, "i8x16.narrow_i16x8_s", Immediate.NONE, "vv:v"),
  I8X16_NARROW_I16X8_U(0xFD, 0x66, "i8x16.narrow_i16x8_u", Immediate.NONE, "vv:v"),
  F32X4_CEIL(0xFD, 0x67, "f32x4.ceil", Immediate.NONE, "v:v"),
  F32X4_FLOOR(0xFD, 0x68, "f32x4.floor", Immediate.NONE, "v:v"),
  F32X4_TRUNC(0xFD, 0x69, "f32x4.trunc", Immediate.NONE, "v:v"),
  F32X4_NEAREST(0xFD, 0x6A, "f32x4.nearest", Immediate.NONE, "v:v"),
  I8X16_SHL(0xFD, 0x6B, "i8x16.shl", Immediate.NONE, "vi:v"),
  I8X16_SHR_S(0xFD, 0x6C, "i8x16.shr_s", Immediate.NONE, "vi:v"),
  I8X16_SHR_U(0xFD, 0x6D, "i8x16.shr_u", Immediate.NONE, "vi:v"),
  I8X16_ADD(0xFD, 0x6E, "i8x16.add", Immediate.NONE, "vv:v"),
  I8X16_ADD_SAT_S(0xFD, 0x6F, "i8x16.add_sat_s", Immediate.NONE, "vv:v"),
  I8X16_ADD_SAT_U(0xFD, 0x70, "i8x16.add_sat_u", Immediate.NONE, "vv:v"),
  I8X16_SUB(0xFD, 0x71, "i8x16.sub", Immediate.NONE, "vv:v"),
  I8X16_SUB_SAT_S(0xFD, 0x72, "i8x16.sub_sat_s", Immediate.NONE, "vv:v"),
  I8X16_SUB_SAT_U(0xFD, 0x73, "i8x16.sub_sat_u", Immediate.NONE, "vv:v"),
  F64X2_CEIL(0xFD, 0x74, "f64x2.ceil", Immediate.NONE, "v:v"),
  F64X2_FLOOR(0xFD, 0x75, "f64x2.floor", Immediate.NONE, "v:v"),
  I8X16_MIN_S(0xFD, 0x76, "i8x16.min_s", Immediate.NONE, "vv:v"),
  I8X16_MIN_U(0xFD, 0x77, "i8x16.min_u", Immediate.NONE, "vv:v"),
  I8X16_MAX_S(0xFD, 0x78, "i8x16.max_s", Immediate.NONE, "vv:v"),
  I8X16_MAX_U(0xFD, 0x79, "i8x16.max_u", Immediate.NONE, "vv:v"),
  F64X2_TRUNC(0xFD, 0x7A, "f64x2.trunc", Immediate.NONE, "v:v"),
  I8X16_AVGR_U(0xFD, 0x7B, "i8x16.avgr_u", Immediate.NONE, "vv:v"),
  I16X8_EXTADD_PAIRWISE_I8X16_S(0xFD, 0x7C, "i16x8.extadd_pairwise_i8x16_s", Immediate.NONE, "v:v"),
  I16X8_EXTADD_PAIRWISE_I8X16_U(0xFD, 0x7D, "i16x8.extadd_pairwise_i8x16_u", Immediate.NONE, "v:v"),
  I32X4_EXTADD_PAIRWISE_I16X8_S(0xFD, 0x7E, "i32x4.extadd_pairwise_i16x8_s", Immediate.NONE, "v:v"),
  I32X4_EXTADD_PAIRWISE_I16X8_U(0xFD, 0x7F, "i32x4.extadd_pairwise_i16x8_u", Immediate.NONE, "v:v"),
  I16X8_ABS(0xFD, 0x80, "i16x8.abs", Immediate.NONE, "v:v"),
  I16X8_NEG(0xFD, 0x81, "i16x8.neg", Immediate.NONE, "v:v"),
  I16X8_Q15MULR_SAT_S(0xFD, 0x82, "i16x8.q15mulr_sat_s", Immediate.NONE, "vv:v"),
  I16X8_ALL_TRUE(0xFD, 0x83, "i16x8.all_true", Immediate.NONE, "v:i"),
  I16X8_BITMASK(0xFD, 0x84, "i16x8.bitmask", Immediate.NONE, "v:i"),
  I16X8_NARROW_I32X4_S(0xFD, 0x85, "i16x8.narrow_i32x4_s", Immediate.NONE, "vv:v"),
  I16X8_NARROW_I32X4_U(0xFD, 0x86, "i16x8.narrow_i32x4_u", Immediate.NONE, "vv:v"),
  I16X8_EXTEND_LOW_I8X16_S(0xFD, 0x87, "i16x8.extend_low_i8x16_s", Immediate.NONE, "v:v"),
  I16X8_EXTEND_HIGH_I8X16_S(0xFD, 0x88, "i16x8.extend_high_i8x16_s", Immediate.NONE, "v:v"),
  I16X8_EXTEND_LOW_I8X16_U(0xFD, 0x89, "i16x8.extend_low_i8x16_u", Immediate.NONE, "v:v"),
  I16X8_EXTEND_HIGH_I8X16_U(0xFD, 0x8A, "i16x8.extend_high_i8x16_u", Immediate.NONE, "v:v"),
  I16X8_SHL(0xFD, 0x8B, "i16x8.shl", Immediate.NONE, "vi:v"),
  I16X8_SHR_S(0xFD, 0x8C, "i16x8.shr_s", Immediate.NONE, "vi:v"),
  I16X8_SHR_U(0xFD, 0x8D, "i16x8.shr_u", Immediate.NONE, "vi:v"),
  I16X8_ADD(0xFD, 0x8E, "i16x8.add", Immediate.NONE, "vv:v"),
  I16X8_ADD_SAT_S(0xFD, 0x8F, "i16x8.add_sat_s", Immediate.NONE, "vv:v"),
  I16X8_ADD_SAT_U(0xFD, 0x90, "i16x8.add_sat_u", Immediate.NONE, "vv:v"),
  I16X8_SUB(0xFD, 0x91, "i16x8.sub", Immediate.NONE, "vv:v"),
  I16X8_SUB_SAT_S(0xFD, 0x92, "i16x8.sub_sat_s", Immediate.NONE, "vv:v"),
  I16X8_SUB_SAT_U(0xFD, 0x93, "i16x8.sub_sat_u", Immediate.NONE, "vv:v"),
  F64X2_NEAREST(0xFD, 0x94, "f64x2.nearest", Immediate.NONE, "v:v"),
  I16X8_MUL(0xFD, 0x95, "i16x8.mul", Immediate.NONE, "vv:v"),
  I16X8_MIN_S(0xFD, 0x96, "i16x8.min_s", Immediate.NONE, "vv:v"),
  I16X8_MIN_U(0xFD, 0x97, "i16x8.min_u", Immediate.NONE, "vv:v"),
  I16X8_MAX_S(0xFD, 0x98, "i16x8.max_s", Immediate.NONE, "vv:v"),
  I16X8_MAX_U(0xFD, 0x99, "i16x8.max_u", Immediate.NONE, "vv:v"),
  I16X8_AVGR_U(0xFD, 0x9B, "i16x8.avgr_u", Immediate.NONE, "vv:v"),
  I16X8_EXTMUL_LOW_I8X16_S(0xFD, 0x9C, "i16x8.extmul_low_i8x16_s", Immediate.NONE, "vv:v"),
  I16X8_EXTMUL_HIGH_I8X16_S(0xFD, 0x9D, "i16x8.extmul_high_i8x16_s", Immediate.NONE, "vv:v"),
  I16X8_EXTMUL_LOW_I8X16_U(0xFD, 0x9E, "i16x8.extmul_low_i8x16_u", Immediate.NONE, "vv:v"),
  I16X8_EXTMUL_HIGH_I8X16_U(0xFD, 0x9F, "i16x8.extmul_high_i8x16_u", Immediate.NONE, "vv:v"),
  I32X4_ABS(0xFD, 0xA0, "i32x4.abs", Immediate.NONE, "v:v"),
  I32X4_NEG(0xFD, 0xA1, "i32x4.neg", Immediate.NONE, "v:v"),
  I32X4_ALL_TRUE(0xFD, 0xA3, "i32x4.all_true", Immediate.NONE, "v:i"),
  I32X4_BITMASK(0xFD, 0xA4, "i32x4.bitmask", Immediate.NONE, "v:i"),
  I32X4_EXTEND_LOW_I16X8_S(0xFD, 0xA7, "i32x4.extend_low_i16x8_s", Immediate.NONE, "v:v"),
  I32X4_EXTEND_HIGH_I16X8_S(0xFD, 0xA8, "i32x4.extend_high_i16x8_s", Immediate.NONE, "v:v"),
  I32X4_EXTEND_LOW_I16X8_U(0xFD, 0xA9, "i32x4.extend_low_i16x8_u", Immediate.NONE, "v:v"),
  I32X4_EXTEND_HIGH_I16X8_U(0xFD, 0xAA, "i32x4.extend_high_i16x8_u", Immediate.NONE, "v:v"),
  I32X4_SHL(0xFD, 0xAB, "i32x4.shl", Immediate.NONE, "vi:v"),
  I32X4_SHR_S(0xFD, 0xAC, "i32x4.shr_s", Immediate.NONE, "vi:v"),
  I32X4_SHR_U(0xFD, 0xAD, "i32x4.shr_u", Immediate.NONE, "vi:v"),
  I32X4_ADD(0xFD, 0xAE, "i32x4.add", Immediate.NONE, "vv:v"),
  I32X4_SUB(0xFD, 0xB1, "i32x4.sub", Immediate.NONE, "vv:v"),
  I32X4_MUL(0xFD, 0xB5, "i32x4.mul", Immediate.NONE, "vv:v"),
  I32X4_MIN_S(0xFD, 0xB6, "i32x4.min_s", Immediate.NONE, "vv:v"),
  I32X4_MIN_U(0xFD, 0xB7, "i32x4.min_u", Immediate.NONE, "vv:v"),
  I32X4_MAX_S(0xFD, 0xB8, "i32x4.max_s", Immediate.NONE, "vv:v"),
  I32X4_MAX_U(0xFD, 0xB9, "i32x4.max_u", Immediate.NONE, "vv:v"),
  I32X4_DOT_I16X8_S(0xFD, 0xBA, "i32x4.dot_i16x8_s", Immediate.NONE, "vv:v"),
  I32X4_EXTMUL_LOW_I16X8_S(0xFD, 0xBC, "i32x4.extmul_low_i16x8_s", Immediate.NONE, "vv:v"),
  I32X4_EXTMUL_HIGH_I16X8_S(0xFD, 0xBD, "i32x4.extmul_high_i16x8_s", Immediate.NONE, "vv:v"),
  I32X4_EXTMUL_LOW_I16X8_U(0xFD, 0xBE, "i32x4.extmul_low_i16x8_u", Immediate.NONE, "vv:v"),
  I32X4_EXTMUL_HIGH_I16X8_U(0xFD, 0xBF, "i32x4.extmul_high_i16x8_u", Immediate.NONE, "vv:v"),
  I64X2_ABS(0xFD, 0xC0, "i64x2.abs", Immediate.NONE, "v:v"),
  I64X2_NEG(0xFD, 0xC1, "i64x2.neg", Immediate.NONE, "v:v"),
  I64X2_ALL_TRUE(0xFD, 0xC3, "i64x2.all_true", Immediate.NONE, "v:i"),
  I64X2_BITMASK(0xFD, 0xC4, "i64x2.bitmask", Immediate.NONE, "v:i"),
  I64X2_EXTEND_LOW_I32X4_S(0xFD, 0xC7, "i64x2.extend_low_i32x4_s", Immediate.NONE, "v:v"),
  I64X2_EXTEND_HIGH_I32X4_S(0xFD, 0xC8, "i64x2.extend_high_i32x4_s", Immediate.NONE, "v:v"),
  I64X2_EXTEND_LOW_I32X4_U(0xFD, 0xC9, "i64x2.extend_low_i32x4_u", Immediate.NONE, "v:v"),
  I64X2_EXTEND_HIGH_I32X4_U(0xFD, 0xCA, "i64x2.extend_high_i32x4_u", Immediate.NONE, "v:v"),
  I64X2_SHL(0xFD, 0xCB, "i64x2.shl", Immediate.NONE, "vi:v"),
  I64X2_SHR_S(0xFD, 0xCC, "i64x2.shr_s", Immediate.NONE, "vi:v"),
  I64X2_SHR_U(0xFD, 0xCD, "i64x2.shr_u", Immediate.NONE, "vi:v"),
  I64X2_ADD(0xFD, 0xCE, "i64x2.add", Immediate.NONE, "vv:v"),
  I64X2_SUB(0xFD, 0xD1, "i64x2.sub", Immediate.NONE, "vv:v"),
  I64X2_MUL(0xFD, 0xD5, "i64x2.mul", Immediate.NONE, "vv:v"),
  I64X2_EQ(0xFD, 0xD6, "i64x2.eq", Immediate.NONE, "vv:v"),
  I64X2_NE(0xFD, 0xD7, "i64x2.ne", Immediate.NONE, "vv:v"),
  I64X2_LT_S(0xFD, 0xD8, "i64x2.lt_s", Immediate.NONE, "vv:v"),
  I64X2_GT_S(0xFD, 0xD9, "i64x2.gt_s", Immediate.NONE, "vv:v"),
  I64X2_LE_S(0xFD, 0xDA, "i64x2.le_s", Immediate.NONE, "vv:v"),
  I64X2_GE_S(0xFD, 0xDB, "i64x2.ge_s", Immediate.NONE, "vv:v"),
  I64X2_EXTMUL_LOW_I32X4_S(0xFD, 0xDC, "i64x2.extmul_low_i32x4_s", Immediate.NONE, "vv:v"),
  I64X2_EXTMUL_HIGH_I32X4_S(0xFD, 0xDD, "i64x2.extmul_high_i32x4_s", Immediate.NONE, "vv:v"),
  I64X2_EXTMUL_LOW_I32X4_U(0xFD, 0xDE, "i64x2.extmul_low_i32x4_u", Immediate.NONE, "vv:v"),
  I64X2_EXTMUL_HIGH_I32X4_U(0xFD, 0xDF, "i64x2.extmul_high_i32x4_u", Immediate.NONE, "vv:v"),
  F32X4_ABS(0xFD, 0xE0, "f32x4.abs", Immediate.NONE, "v:v"),
  F32X4_NEG(0xFD, 0xE1, "f32x4.neg", Immediate.NONE, "v:v"),
  F32X4_SQRT(0xFD, 0xE3, "f32x4.sqrt", Immediate.NONE, "v:v"),
  F32X4_ADD(0xFD, 0xE4, "f32x4.add", Immediate.NONE, "vv:v"),
  F32X4_SUB(0xFD, 0xE5, "f32x4.sub", Immediate.NONE, "vv:v"),
  F32X4_MUL(0xFD, 0xE6, "f32x4.mul", Immediate.NONE, "vv:v"),
  F32X4_DIV(0xFD, 0xE7, "f32x4.div", Immediate.NONE, "vv:v"),
  F32X4_MIN(0xFD, 0xE8, "f32x4.min", Immediate.NONE, "vv:v"),
  F32X4_MAX(0xFD, 0xE9, "f32x4.max", Immediate.NONE, "vv:v"),
  F32X4_PMIN(0xFD, 0xEA, "f32x4.pmin", Immediate.NONE, "vv:v"),
  F32X4_PMAX(0xFD, 0xEB, "f32x4.pmax", Immediate.NONE, "vv:v"),
  F64X2_ABS(0xFD, 0xEC, "f64x2.abs", Immediate.NONE, "v:v"),
  F64X2_NEG(0xFD, 0xED, "f64x2.neg", Immediate.NONE, "v:v"),
  F64X2_SQRT(0xFD, 0xEF, "f64x2.sqrt", Immediate.NONE, "v:v"),
  F64X2_ADD(0xFD, 0xF0, "f64x2.add", Immediate.NONE, "vv:v"),
  F64X2_SUB(0xFD, 0xF1, "f64x2.sub", Immediate.NONE, "vv:v"),
  F64X2_MUL(0xFD, 0xF2, "f64x2.mul", Immediate.NONE, "vv:v"),
  F64X2_DIV(0xFD, 0xF3, "f64x2.div", Immediate.NONE, "vv:v"),
  F64X2_MIN(0xFD, 0xF4, "f64x2.min", Immediate.NONE, "vv:v"),
  F64X2_MAX(0xFD, 0xF5, "f64x2.max", Immediate.NONE, "vv:v"),
  F64X2_PMIN(0xFD, 0xF6, "f64x2.pmin", Immediate.NONE, "vv:v"),
  F64X2_PMAX(0xFD, 0xF7, "f64x2.pmax", Immediate.NONE, "vv:v"),
  I32X4_TRUNC_SAT_F32X4_S(0xFD, 0xF8, "i32x4.trunc_sat_f32x4_s", Immediate.NONE, "v:v"),
  I32X4_TRUNC_SAT_F32X4_U(0xFD, 0xF9, "i32x4.trunc_sat_f32x4_u", Immediate.NONE, "v:v"),
  F32X4_CONVERT_I32X4_S(0xFD, 0xFA, "f32x4.convert_i32x4_s", Immediate.NONE, "v:v"),
  F32X4_CONVERT_I32X4_U(0xFD, 0xFB, "f32x4.convert_i32x4_u", Immediate.NONE, "v:v"),
  I32X4_TRUNC_SAT_F64X2_S_ZERO(0xFD, 0xFC, "i32x4.trunc_sat_f64x2_s_zero", Immediate.NONE, "v:v"),
  I32X4_TRUNC_SAT_F64X2_U_ZERO(0xFD, 0xFD, "i32x4.trunc_sat_f64x2_u_zero", Immediate.NONE, "v:v"),
  F64X2_CONVERT_LOW_I32X4_S(0xFD, 0xFE, "f64x2.convert_low_i32x4_s", Immediate.NONE, "v:v"),
  F64X2_CONVERT_LOW_I32X4_U(0xFD, 0xFF, "f64x2.convert_low_i32x4_u", Immediate.NONE, "v:v");

  /** The kinds of immediate operand an instruction carries; see {@link Instruction}. */
  public enum Immediate {
    NONE,
    /** {@link Instruction#blockType()}. */
    BLOCK_TYPE,
    /** {@link Instruction#index()} is a label depth. */
    LABEL,
    /** {@link Instruction#labels()}: the targets, the default target last. */
    LABEL_TABLE,
    /** {@link Instruction#index()} is a function index. */
    FUNC,
    /** {@link Instruction#index()} is a type index, {@link Instruction#index2()} a table index. */
    TYPE_TABLE,
    /** {@link Instruction#types()}: the operand types of a typed {@code select}. */
    VALUE_TYPES,
    /** {@link Instruction#index()} is a local index. */
    LOCAL,
    /** {@link Instruction#index()} is a global index. */
    GLOBAL,
    /** {@link Instruction#index()} is a table index. */
    TABLE,
    /**
     * {@link Instruction#align()} (log2), {@link Instruction#memoryOffset()}, {@link
     * Instruction#memoryIndex()}.
     */
    MEMARG,
    /** {@link Instruction#index()} is a memory index. */
    MEMORY,
    /** {@link Instruction#value()} holds the i32 (sign-extended to long). */
    I32,
    /** {@link Instruction#value()} holds the i64. */
    I64,
    /** {@link Instruction#value()} holds the f32's raw bits (low 32 bits). */
    F32,
    /** {@link Instruction#value()} holds the f64's raw bits. */
    F64,
    /** {@link Instruction#types()} holds the single reference type of {@code ref.null}. */
    REF_TYPE,
    /** {@link Instruction#index()} is a data index, {@link Instruction#index2()} a memory index. */
    DATA_MEMORY,
    /** {@link Instruction#index()} is a data index. */
    DATA,
    /**
     * {@link Instruction#index()} is the destination memory, {@link Instruction#index2()} the
     * source.
     */
    MEMORY_MEMORY,
    /**
     * {@link Instruction#index()} is an element index, {@link Instruction#index2()} a table index.
     */
    ELEM_TABLE,
    /** {@link Instruction#index()} is an element index. */
    ELEM,
    /**
     * {@link Instruction#index()} is the destination table, {@link Instruction#index2()} the
     * source.
     */
    TABLE_TABLE,
    /** {@link Instruction#v128Low()} and {@link Instruction#v128High()}: {@code v128.const}. */
    V128,
    /** {@link Instruction#shuffleLanes()}: the 16 lane indices of {@code i8x16.shuffle}. */
    SHUFFLE,
    /** {@link Instruction#laneIndex()}: {@code extract_lane} and {@code replace_lane}. */
    LANE,
    /** A {@link #MEMARG} and a {@link Instruction#laneIndex()}: the lane loads and stores. */
    MEMARG_LANE
  }

  private static final Opcode[] SINGLE_BYTE = new Opcode[256];
  private static final Opcode[] PREFIX_FC = new Opcode[32];
  private static final Opcode[] PREFIX_FD = new Opcode[256];
  private static final java.util.Map<String, Opcode> BY_MNEMONIC = new java.util.HashMap<>();

  static {
    for (Opcode op : values()) {
      switch (op.prefix) {
        case 0 -> SINGLE_BYTE[op.code] = op;
        case 0xFC -> PREFIX_FC[op.code] = op;
        default -> PREFIX_FD[op.code] = op;
      }
      if (op != SELECT_TYPED) {
        BY_MNEMONIC.put(op.mnemonic, op);
      }
    }
  }

  private final int prefix;
  private final int code;
  private final String mnemonic;
  private final Immediate immediate;
  private final List<ValType> params;
  private final List<ValType> results;
  private final int naturalAlignment;

  Opcode(int prefix, int code, String mnemonic, Immediate immediate, String signature) {
    this.naturalAlignment = naturalAlignment(mnemonic, immediate);
    this.prefix = prefix;
    this.code = code;
    this.mnemonic = mnemonic;
    this.immediate = immediate;
    if (signature == null) {
      this.params = null;
      this.results = null;
    } else {
      int colon = signature.indexOf(':');
      this.params = types(signature.substring(0, colon));
      this.results = types(signature.substring(colon + 1));
    }
  }

  // Plain loops rather than streams and regular expressions here and below: every `cortado`
  // process runs this for each of the ~500 opcodes before the JIT has compiled anything.
  private static List<ValType> types(String letters) {
    ValType[] types = new ValType[letters.length()];
    for (int i = 0; i < types.length; i++) {
      types[i] =
          switch (letters.charAt(i)) {
            case 'i' -> ValType.I32;
            case 'l' -> ValType.I64;
            case 'f' -> ValType.F32;
            case 'd' -> ValType.F64;
            case 'v' -> ValType.V128;
            default -> throw new AssertionError(letters.charAt(i));
          };
    }
    return List.of(types);
  }

  /** The prefix byte ({@code 0xFC} or {@code 0xFD}), or 0 for a single-byte opcode. */
  public int prefix() {
    return prefix;
  }

  /** The opcode byte, or for a prefixed opcode the LEB128 sub-opcode after the prefix. */
  public int code() {
    return code;
  }

  /** The text-format name, e.g. {@code i32.add}. */
  public String mnemonic() {
    return mnemonic;
  }

  public Immediate immediate() {
    return immediate;
  }

  /** Whether {@link #params()} and {@link #results()} give this instruction's whole typing. */
  public boolean hasFixedSignature() {
    return params != null;
  }

  /** Operand types popped, bottom of stack first; null unless {@link #hasFixedSignature()}. */
  public List<ValType> params() {
    return params;
  }

  /** Result types pushed; null unless {@link #hasFixedSignature()}. */
  public List<ValType> results() {
    return results;
  }

  /** The single-byte opcode {@code b}, or null if none. */
  public static Opcode ofByte(int b) {
    return b >= 0 && b < 256 ? SINGLE_BYTE[b] : null;
  }

  /** The {@code 0xFC}- or {@code 0xFD}-prefixed opcode with sub-opcode {@code sub}, or null. */
  public static Opcode ofPrefixed(int prefix, long sub) {
    if (prefix == 0xFC && sub >= 0 && sub < PREFIX_FC.length) {
      return PREFIX_FC[(int) sub];
    }
    if (prefix == 0xFD && sub >= 0 && sub < PREFIX_FD.length) {
      return PREFIX_FD[(int) sub];
    }
    return null;
  }

  /**
   * For a load or store ({@link Immediate#MEMARG} or {@link Immediate#MEMARG_LANE}): log2 of the
   * number of bytes it accesses in memory, which is its natural alignment, the default alignment in
   * the text format and the largest one validation allows (spec 3.3.7); -1 for other instructions.
   * A SIMD load that extends ({@code v128.load8x8_s}) reads 8 bytes.
   */
  public int naturalAlignment() {
    return naturalAlignment;
  }

  private static int naturalAlignment(String mnemonic, Immediate immediate) {
    if (immediate != Immediate.MEMARG && immediate != Immediate.MEMARG_LANE) {
      return -1;
    }
    String access = mnemonic.substring(mnemonic.indexOf('.') + 1);
    if (access.equals("load") || access.equals("store")) {
      return switch (mnemonic.charAt(1)) {
        case '3' -> 2; // i32, f32
        case '6' -> 3; // i64, f64
        default -> 4; // v128
      };
    }
    int start = 0;
    while (!Character.isDigit(access.charAt(start))) {
      start++;
    }
    int end = start;
    while (end < access.length() && Character.isDigit(access.charAt(end))) {
      end++;
    }
    if (end < access.length() && access.charAt(end) == 'x') {
      return 3; // v128.load8x8_s ... v128.load32x2_u
    }
    // load8_s, store16, load32_zero, load64_splat, store8_lane, ...: the first number is the size.
    int bits = Integer.parseInt(access, start, end, 10);
    return Integer.numberOfTrailingZeros(bits / 8);
  }

  /**
   * The opcode with this text mnemonic, or null. {@code select} maps to {@link #SELECT}; the parser
   * turns it into {@link #SELECT_TYPED} when a {@code (result t)} follows.
   */
  public static Opcode ofMnemonic(String mnemonic) {
    return BY_MNEMONIC.get(mnemonic);
  }
}

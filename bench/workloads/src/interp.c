/*
 * interp: a stack-based bytecode interpreter with a switch dispatch loop, running a program that
 * counts primes by trial division and sums Collatz sequence lengths. This is the hot loop of every
 * scripting language compiled to wasm: an indirect branch per instruction, a small operand stack.
 */
#include "bench.h"

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, DIV, MOD, LT, EQ, AND1, JMP, JZ, HALT };

typedef struct {
  int32_t op;
  int32_t arg;
} Insn;

static int64_t run(const Insn *code, int64_t *locals) {
  int64_t stack[64];
  int sp = 0, pc = 0;
  for (;;) {
    Insn insn = code[pc++];
    switch (insn.op) {
      case PUSH: stack[sp++] = insn.arg; break;
      case LOAD: stack[sp++] = locals[insn.arg]; break;
      case STORE: locals[insn.arg] = stack[--sp]; break;
      case ADD: sp--; stack[sp - 1] += stack[sp]; break;
      case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
      case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
      case DIV: sp--; stack[sp - 1] /= stack[sp]; break;
      case MOD: sp--; stack[sp - 1] %= stack[sp]; break;
      case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
      case EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
      case AND1: stack[sp - 1] &= 1; break;
      case JMP: pc = insn.arg; break;
      case JZ: if (stack[--sp] == 0) pc = insn.arg; break;
      case HALT: return stack[sp - 1];
      default: return -1;
    }
  }
}

/* A one-pass assembler with labels, so the program below reads like the loop it is. */
enum { L_OUTER, L_TRIAL, L_NEXT_D, L_PRIME, L_COLLATZ, L_CLOOP, L_CBODY, L_EVEN, L_STEP, L_CDONE,
       L_EXIT, LABELS };
static Insn code[256];
static int code_length, label_pc[LABELS], fixup_at[64], fixup_label[64], fixups;

static void emit(int op, int arg) { code[code_length++] = (Insn){op, arg}; }
static void jump(int op, int label) {
  fixup_at[fixups] = code_length;
  fixup_label[fixups++] = label;
  emit(op, 0);
}
static void mark(int label) { label_pc[label] = code_length; }
static void link(void) {
  for (int i = 0; i < fixups; i++) code[fixup_at[i]].arg = label_pc[fixup_label[i]];
}

/* Locals. */
enum { LIMIT, N, D, COUNT, X, STEPS, TOTAL };

static void assemble(void) {
  emit(PUSH, 0), emit(STORE, COUNT), emit(PUSH, 0), emit(STORE, TOTAL), emit(PUSH, 2), emit(STORE, N);
  mark(L_OUTER); /* while n < limit */
  emit(LOAD, N), emit(LOAD, LIMIT), emit(LT, 0), jump(JZ, L_EXIT);
  emit(PUSH, 2), emit(STORE, D);
  mark(L_TRIAL); /* while d * d < n + 1 */
  emit(LOAD, D), emit(LOAD, D), emit(MUL, 0), emit(LOAD, N), emit(PUSH, 1), emit(ADD, 0),
      emit(LT, 0), jump(JZ, L_PRIME);
  /* if n % d == 0: not prime */
  emit(LOAD, N), emit(LOAD, D), emit(MOD, 0), emit(PUSH, 0), emit(EQ, 0), jump(JZ, L_NEXT_D);
  jump(JMP, L_COLLATZ);
  mark(L_NEXT_D);
  emit(LOAD, D), emit(PUSH, 1), emit(ADD, 0), emit(STORE, D), jump(JMP, L_TRIAL);
  mark(L_PRIME);
  emit(LOAD, COUNT), emit(PUSH, 1), emit(ADD, 0), emit(STORE, COUNT);
  mark(L_COLLATZ); /* x = n; steps = 0; while x != 1 */
  emit(LOAD, N), emit(STORE, X), emit(PUSH, 0), emit(STORE, STEPS);
  mark(L_CLOOP);
  emit(LOAD, X), emit(PUSH, 1), emit(EQ, 0), jump(JZ, L_CBODY), jump(JMP, L_CDONE);
  mark(L_CBODY);
  emit(LOAD, X), emit(AND1, 0), jump(JZ, L_EVEN);
  emit(LOAD, X), emit(PUSH, 3), emit(MUL, 0), emit(PUSH, 1), emit(ADD, 0), emit(STORE, X),
      jump(JMP, L_STEP);
  mark(L_EVEN);
  emit(LOAD, X), emit(PUSH, 2), emit(DIV, 0), emit(STORE, X);
  mark(L_STEP);
  emit(LOAD, STEPS), emit(PUSH, 1), emit(ADD, 0), emit(STORE, STEPS), jump(JMP, L_CLOOP);
  mark(L_CDONE);
  emit(LOAD, TOTAL), emit(LOAD, STEPS), emit(ADD, 0), emit(STORE, TOTAL);
  emit(LOAD, N), emit(PUSH, 1), emit(ADD, 0), emit(STORE, N), jump(JMP, L_OUTER);
  mark(L_EXIT);
  emit(LOAD, COUNT), emit(HALT, 0);
  link();
}

int main(int argc, char **argv) {
  int64_t limit = bench_pick(argc, argv, 16000, 200000);
  assemble();
  int64_t locals[8] = {0};
  locals[LIMIT] = limit;
  int64_t primes = run(code, locals);
  printf("primes below %lld: %lld\n", (long long)limit, (long long)primes);
  printf("collatz steps from 2 to %lld: %lld\n", (long long)limit - 1, (long long)locals[TOTAL]);
  printf("checksum: %lld-%lld\n", (long long)primes, (long long)locals[TOTAL]);
  return 0;
}

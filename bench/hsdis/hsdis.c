/*
 * A disassembler plug-in for HotSpot's -XX:+PrintAssembly (the "hsdis" library, which the JDK does
 * not ship), on Capstone (Debian: libcapstone-dev). HotSpot calls decode_instructions_virtual for
 * each range of machine code; this prints one instruction a line, announcing each one's address
 * through the event callback so that HotSpot interleaves its own comments (bytecode index, oop
 * maps). x86-64 only. Build with ./build.sh; see docs/compiler.md, "Reading what HotSpot made of it".
 */
#include <capstone/capstone.h>
#include <stdint.h>

typedef void *(*event_callback_t)(void *stream, const char *event, void *arg);
typedef int (*printf_callback_t)(void *stream, const char *format, ...);

void *decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va, unsigned char *buffer,
                                  uintptr_t length, event_callback_t event, void *event_stream,
                                  printf_callback_t print, void *print_stream, const char *options,
                                  int newline) {
  (void)end_va;
  (void)options;
  csh handle;
  if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK) {
    return NULL;
  }
  cs_insn *insns;
  size_t count = cs_disasm(handle, buffer, length, start_va, 0, &insns);
  uintptr_t end = start_va;
  for (size_t i = 0; i < count; i++) {
    event(event_stream, "insn", (void *)(uintptr_t)insns[i].address);
    print(print_stream, "%-8s %s", insns[i].mnemonic, insns[i].op_str);
    end = (uintptr_t)(insns[i].address + insns[i].size);
    event(event_stream, "/insn", (void *)end);
    if (newline) {
      print(print_stream, "\n");
    }
  }
  if (count > 0) {
    cs_free(insns, count);
  }
  cs_close(&handle);
  return (void *)end;
}

/* Hostile: Builds a chain of 50 links of its own and follows it. */
#include "hostile.h"

int main(void) {
  char name[8] = "c00";
  char target[8] = "c01";
  for (int i = 0; i < 50; i++) {
    name[1] = (char)('0' + i / 10);
    name[2] = (char)('0' + i % 10);
    target[1] = (char)('0' + (i + 1) / 10);
    target[2] = (char)('0' + (i + 1) % 10);
    if (__wasi_path_symlink(target, SANDBOX, name) != 0) {
      out("symlink failed\n");
    }
  }
  report("open c00 (follow)",
         try_open(SANDBOX, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "c00", __WASI_OFLAGS_CREAT, R_READ));
  return 0;
}

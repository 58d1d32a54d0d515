/* Hostile: Makes its own link out with a relative target, then tries to use it. */
#include "hostile.h"

int main(void) {
  report("symlink evil -> ../outside", __wasi_path_symlink("../outside", SANDBOX, "evil"));
  report("open evil/canary.txt", try_open(SANDBOX, 0, "evil/canary.txt", 0, R_READ));
  return 0;
}

/* Hostile: Reads a host link's target and replays it as a path. */
#include "hostile.h"

int main(void) {
  char target[64];
  __wasi_size_t n;
  __wasi_errno_t e = __wasi_path_readlink(SANDBOX, "to-outside", (uint8_t *)target, 63, &n);
  report("readlink to-outside", e);
  target[e == 0 ? n : 0] = 0;
  out(target);
  out("\n");
  char path[96] = {0};
  strcpy(path, target);
  strcat(path, "/canary.txt");
  report("open the target", try_open(SANDBOX, 0, path, 0, R_READ));
  return 0;
}

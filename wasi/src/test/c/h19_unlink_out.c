/* Hostile: Deletes the canary. */
#include "hostile.h"

int main(void) {
  report("unlink to-outside/canary.txt", __wasi_path_unlink_file(SANDBOX, "to-outside/canary.txt"));
  report("unlink ../outside/canary.txt", __wasi_path_unlink_file(SANDBOX, "../outside/canary.txt"));
  return 0;
}

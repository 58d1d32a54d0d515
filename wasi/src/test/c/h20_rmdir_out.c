/* Hostile: Removes a directory outside. */
#include "hostile.h"

int main(void) {
  report("rmdir ../outside/dir", __wasi_path_remove_directory(SANDBOX, "../outside/dir"));
  report("rmdir abs/dir", __wasi_path_remove_directory(SANDBOX, "abs/dir"));
  return 0;
}

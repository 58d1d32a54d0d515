/* Hostile: Creates a directory outside. */
#include "hostile.h"

int main(void) {
  report("mkdir to-outside/newdir", __wasi_path_create_directory(SANDBOX, "to-outside/newdir"));
  report("mkdir ../newdir", __wasi_path_create_directory(SANDBOX, "../newdir"));
  return 0;
}

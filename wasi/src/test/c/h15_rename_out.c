/* Hostile: Moves a file out of the sandbox. */
#include "hostile.h"

int main(void) {
  report("rename sub/inner.txt -> ../stolen",
         __wasi_path_rename(SANDBOX, "sub/inner.txt", SANDBOX, "../stolen"));
  report("rename sub/inner.txt -> to-outside/stolen",
         __wasi_path_rename(SANDBOX, "sub/inner.txt", SANDBOX, "to-outside/stolen"));
  return 0;
}

/* Hostile: Makes a legal link to its own directory, then climbs through it. */
#include "hostile.h"

int main(void) {
  report("symlink sub/x -> ..", __wasi_path_symlink("..", SANDBOX, "sub/x"));
  report("open sub/x/sub/x/../outside/canary.txt",
         try_open(SANDBOX, 0, "sub/x/sub/x/../outside/canary.txt", 0, R_READ));
  return 0;
}

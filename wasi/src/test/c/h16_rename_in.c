/* Hostile: Moves the canary into the sandbox. */
#include "hostile.h"

int main(void) {
  report("rename ../outside/canary.txt -> stolen",
         __wasi_path_rename(SANDBOX, "../outside/canary.txt", SANDBOX, "stolen"));
  report("rename to-outside/canary.txt -> stolen",
         __wasi_path_rename(SANDBOX, "to-outside/canary.txt", SANDBOX, "stolen"));
  return 0;
}

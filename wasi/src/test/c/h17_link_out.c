/* Hostile: Hard-links a sandbox file to a place outside. */
#include "hostile.h"

int main(void) {
  report("link sub/inner.txt -> ../outside/hard",
         __wasi_path_link(SANDBOX, 0, "sub/inner.txt", SANDBOX, "../outside/hard"));
  return 0;
}

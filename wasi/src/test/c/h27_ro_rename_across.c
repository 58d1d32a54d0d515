/* Hostile: Moves files between the read-only and the read-write preopen. */
#include "hostile.h"

int main(void) {
  report("rename /ro/file.txt -> /sandbox/taken",
         __wasi_path_rename(RO, "file.txt", SANDBOX, "taken"));
  report("rename /sandbox/sub/inner.txt -> /ro/dropped",
         __wasi_path_rename(SANDBOX, "sub/inner.txt", RO, "dropped"));
  report("link /ro/file.txt -> /sandbox/hard",
         __wasi_path_link(RO, 0, "file.txt", SANDBOX, "hard"));
  return 0;
}

/* Hostile: Hands the host an absolute path. */
#include "hostile.h"

int main(void) {
  report("open /etc/passwd", try_open(SANDBOX, 0, "/etc/passwd", 0, R_READ));
  report("mkdir /tmp/escaped", __wasi_path_create_directory(SANDBOX, "/tmp/escaped"));
  return 0;
}

/* Hostile: Makes its own link to an absolute path. */
#include "hostile.h"

int main(void) {
  report("symlink evil -> /etc", __wasi_path_symlink("/etc", SANDBOX, "evil"));
  report("symlink sub/evil -> ../../outside",
         __wasi_path_symlink("../../outside", SANDBOX, "sub/evil"));
  return 0;
}

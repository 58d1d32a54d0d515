/* Hostile: Creates, truncates and makes directories in the read-only preopen. */
#include "hostile.h"

int main(void) {
  report("create /ro/new.txt", try_open(RO, 0, "new.txt", __WASI_OFLAGS_CREAT, R_READ));
  report("truncate /ro/file.txt", try_open(RO, 0, "file.txt", __WASI_OFLAGS_TRUNC, R_READ));
  report("mkdir /ro/d", __wasi_path_create_directory(RO, "d"));
  report("unlink /ro/file.txt", __wasi_path_unlink_file(RO, "file.txt"));
  return 0;
}

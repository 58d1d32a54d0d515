/* Hostile: Tries to give itself back rights it was never given. */
#include "hostile.h"

int main(void) {
  __wasi_fd_t fd;
  report("open /ro/file.txt for reading", __wasi_path_open(RO, 0, "file.txt", 0, R_READ, 0, 0, &fd));
  report("add fd_write right", __wasi_fd_fdstat_set_rights(fd, R_READ | R_WRITE, 0));
  report("add path_create_file to /ro",
         __wasi_fd_fdstat_set_rights(RO, __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_CREATE_FILE, 0));
  return 0;
}

/* Hostile: Uses descriptors for what they are not. */
#include "hostile.h"

int main(void) {
  char buf[4];
  __wasi_iovec_t v = {(uint8_t *)buf, 4};
  __wasi_size_t n;
  report("read the sandbox directory", __wasi_fd_read(SANDBOX, &v, 1, &n));
  report("open via stdout", try_open(1, 0, "x", __WASI_OFLAGS_CREAT, R_WRITE));
  report("seek stdout", __wasi_fd_seek(1, 0, __WASI_WHENCE_SET, (__wasi_filesize_t *)buf));
  report("prestat of stdin", __wasi_fd_prestat_get(0, (__wasi_prestat_t *)buf));
  return 0;
}

/* Hostile: Uses descriptor numbers it was never given. */
#include "hostile.h"

int main(void) {
  report("open via fd 99", try_open(99, 0, "sub/inner.txt", 0, R_READ));
  report("open via fd 0xffffffff", try_open(0xffffffffu, 0, "sub/inner.txt", 0, R_READ));
  char buf[4];
  __wasi_iovec_t v = {(uint8_t *)buf, 4};
  __wasi_size_t n;
  report("read fd 42", __wasi_fd_read(42, &v, 1, &n));
  report("close fd 1000", __wasi_fd_close(1000));
  report("renumber 3 -> 77", __wasi_fd_renumber(SANDBOX, 77));
  return 0;
}

/* Hostile: Points an iovec past the end of memory. */
#include "hostile.h"

int main(void) {
  int32_t iov[2] = {memory_end() - 2, 16};
  int32_t n;
  report("write iovec past the end", raw_fd_write(1, (int32_t)(intptr_t)iov, 1, (int32_t)(intptr_t)&n));
  iov[0] = (int32_t)(intptr_t)"x";
  iov[1] = -1;
  report("write 4 GiB iovec", raw_fd_write(1, (int32_t)(intptr_t)iov, 1, (int32_t)(intptr_t)&n));
  report("read into memory end",
         raw_fd_read(0, (int32_t)(intptr_t)iov, 1, memory_end() - 1));
  report("write 2^31 iovecs", raw_fd_write(1, (int32_t)(intptr_t)iov, 0x7fffffff, (int32_t)(intptr_t)&n));
  return 0;
}

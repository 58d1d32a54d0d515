/* Hostile: Hands path_open pointers and lengths outside memory. */
#include "hostile.h"

int main(void) {
  int32_t fd;
  const char *p = "sub/inner.txt";
  report("path past the end",
         raw_path_open(SANDBOX, 0, memory_end() - 4, 13, 0, R_READ, 0, 0, (int32_t)(intptr_t)&fd));
  report("path length 0xffffffff",
         raw_path_open(SANDBOX, 0, (int32_t)(intptr_t)p, -1, 0, R_READ, 0, 0, (int32_t)(intptr_t)&fd));
  report("result past the end",
         raw_path_open(SANDBOX, 0, (int32_t)(intptr_t)p, 13, 0, R_READ, 0, 0, memory_end()));
  report("path with NUL", raw_path_open(SANDBOX, 0, (int32_t)(intptr_t)"sub\0../../x", 11, 0,
                                       R_READ, 0, 0, (int32_t)(intptr_t)&fd));
  return 0;
}

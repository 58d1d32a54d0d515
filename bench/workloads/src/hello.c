/* hello: the smallest WASI command, for start-up time (`cortado run hello.wasm`). Not a workload. */
#include <stdio.h>

int main(void) {
  puts("hello from wasm");
  return 0;
}

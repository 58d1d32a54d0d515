/* Exit codes: exit(n) goes through proc_exit; returning n from main does too, via crt1. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
  int code = argc > 1 ? atoi(argv[1]) : 0;
  if (argc > 2 && strcmp(argv[2], "return") == 0) {
    return code;
  }
  if (argc > 2 && strcmp(argv[2], "_exit") == 0) {
    _exit(code);
  }
  exit(code);
}

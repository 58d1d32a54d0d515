/* Arguments and environment: prints what the host gave, and nothing else. */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv) {
  printf("hello from wasm\n");
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; i++) {
    printf("argv[%d]=%s\n", i, argv[i]);
  }
  int n = 0;
  for (char **e = environ; *e != NULL; e++) {
    printf("env %s\n", *e);
    n++;
  }
  printf("%d environment variables\n", n);
  const char *home = getenv("HOME");
  printf("HOME is %s\n", home ? home : "unset");
  return 0;
}

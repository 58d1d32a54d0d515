/*
 * A word counter: lines, words and bytes of each file named (stdin if none), like wc(1). A file
 * it may not read is reported on stderr and makes the exit status 1.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

static void count(FILE *f, long *lines, long *words, long *bytes) {
  int c;
  int in_word = 0;
  *lines = *words = *bytes = 0;
  while ((c = getc(f)) != EOF) {
    (*bytes)++;
    if (c == '\n') {
      (*lines)++;
    }
    if (isspace(c)) {
      in_word = 0;
    } else if (!in_word) {
      in_word = 1;
      (*words)++;
    }
  }
}

int main(int argc, char **argv) {
  long l, w, b;
  if (argc < 2) {
    count(stdin, &l, &w, &b);
    printf("%7ld %7ld %7ld\n", l, w, b);
    return 0;
  }
  int status = 0;
  long tl = 0, tw = 0, tb = 0;
  for (int i = 1; i < argc; i++) {
    FILE *f = fopen(argv[i], "r");
    if (f == NULL) {
      fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
      status = 1;
      continue;
    }
    count(f, &l, &w, &b);
    fclose(f);
    printf("%7ld %7ld %7ld %s\n", l, w, b, argv[i]);
    tl += l;
    tw += w;
    tb += b;
  }
  if (argc > 2) {
    printf("%7ld %7ld %7ld total\n", tl, tw, tb);
  }
  return status;
}

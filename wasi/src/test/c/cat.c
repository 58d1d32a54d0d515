/* stdin piping: copies stdin to stdout upper-cased, then reports the byte count on stderr. */
#include <ctype.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
  char buf[4096];
  long total = 0;
  ssize_t n;
  while ((n = read(0, buf, sizeof buf)) > 0) {
    for (ssize_t i = 0; i < n; i++) {
      buf[i] = (char)toupper((unsigned char)buf[i]);
    }
    for (ssize_t done = 0; done < n;) {
      ssize_t w = write(1, buf + done, (size_t)(n - done));
      if (w <= 0) {
        return 2;
      }
      done += w;
    }
    total += n;
  }
  if (n < 0) {
    perror("read");
    return 1;
  }
  fprintf(stderr, "%ld bytes\n", total);
  return 0;
}

/* File I/O in the directory named by argv[1]: create, write, seek, read, append, truncate, pread,
 * pwrite, stat, rename, unlink. Prints one line per step. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* dir/name in one of two buffers, so that two paths can be passed to one call. */
static const char *in(const char *dir, const char *name) {
  static char paths[2][256];
  static int next;
  char *p = paths[next];
  next ^= 1;
  snprintf(p, sizeof paths[0], "%s/%s", dir, name);
  return p;
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : ".";
  FILE *f = fopen(in(dir, "data.txt"), "w+");
  if (f == NULL) {
    printf("fopen: %s\n", strerror(errno));
    return 1;
  }
  fputs("hello, file\nsecond line\n", f);
  fseek(f, 7, SEEK_SET);
  char word[5] = {0};
  fread(word, 1, 4, f);
  printf("read back '%s' at %ld\n", word, ftell(f) - 4);
  fseek(f, 0, SEEK_END);
  printf("size by seek %ld\n", ftell(f));
  fclose(f);

  f = fopen(in(dir, "data.txt"), "a");
  fputs("appended\n", f);
  fclose(f);

  struct stat st;
  stat(in(dir, "data.txt"), &st);
  printf("size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));

  int fd = open(in(dir, "data.txt"), O_RDWR);
  char buf[16] = {0};
  ssize_t n = pread(fd, buf, 6, 13);
  printf("pread %zd '%s' offset still %lld\n", n, buf, (long long)lseek(fd, 0, SEEK_CUR));
  pwrite(fd, "HELLO", 5, 0);
  ftruncate(fd, 12);
  fstat(fd, &st);
  printf("after truncate %lld\n", (long long)st.st_size);
  memset(buf, 0, sizeof buf);
  n = read(fd, buf, sizeof buf - 1);
  printf("content %zd '%.11s'\n", n, buf);
  close(fd);

  if (rename(in(dir, "data.txt"), in(dir, "renamed.txt")) != 0) {
    printf("rename: %s\n", strerror(errno));
  }
  printf("old name: %s\n", access(in(dir, "data.txt"), F_OK) == 0 ? "exists" : strerror(errno));
  printf("unlink: %d\n", unlink(in(dir, "renamed.txt")));
  printf("open missing: %s\n", open(in(dir, "renamed.txt"), O_RDONLY) < 0 ? strerror(errno) : "?");
  fd = open(in(dir, "excl"), O_CREAT | O_EXCL | O_WRONLY, 0644);
  printf("O_EXCL again: %s\n",
         open(in(dir, "excl"), O_CREAT | O_EXCL | O_WRONLY, 0644) < 0 ? strerror(errno) : "?");
  close(fd);
  unlink(in(dir, "excl"));
  return 0;
}

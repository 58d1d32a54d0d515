/* Directories in the directory named by argv[1]: mkdir, readdir (sorted), rmdir, symlink,
 * readlink, and the errors for non-empty and missing directories. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char path[256];

static const char *in(const char *dir, const char *name) {
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return path;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *dir) {
  DIR *d = opendir(dir);
  if (d == NULL) {
    printf("opendir %s: %s\n", dir, strerror(errno));
    return;
  }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 64) {
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
      names[n++] = strdup(e->d_name);
    }
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof *names, by_name);
  printf("%s:", dir);
  for (int i = 0; i < n; i++) {
    printf(" %s", names[i]);
    free(names[i]);
  }
  printf("\n");
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : ".";
  char tree[256];
  snprintf(tree, sizeof tree, "%s/tree", dir);
  printf("mkdir tree: %d\n", mkdir(tree, 0755));
  printf("mkdir again: %s\n", mkdir(tree, 0755) != 0 ? strerror(errno) : "?");
  mkdir(in(tree, "a"), 0755);
  mkdir(in(tree, "b"), 0755);
  mkdir(in(tree, "a/deep"), 0755);
  for (int i = 0; i < 12; i++) {
    char name[16];
    snprintf(name, sizeof name, "file%02d", i);
    FILE *f = fopen(in(tree, name), "w");
    fprintf(f, "%d\n", i);
    fclose(f);
  }
  printf("symlink: %d\n", symlink("a/deep", in(tree, "link")));
  char target[64] = {0};
  printf("readlink: %zd %s\n", readlink(in(tree, "link"), target, sizeof target - 1), target);
  list(tree);
  struct stat st;
  lstat(in(tree, "link"), &st);
  printf("link is a link: %d\n", S_ISLNK(st.st_mode));
  stat(in(tree, "link"), &st);
  printf("link leads to a directory: %d\n", S_ISDIR(st.st_mode));
  printf("rmdir non-empty: %s\n", rmdir(in(tree, "a")) != 0 ? strerror(errno) : "?");
  printf("rmdir missing: %s\n", rmdir(in(tree, "zzz")) != 0 ? strerror(errno) : "?");
  printf("rmdir a/deep: %d\n", rmdir(in(tree, "a/deep")));
  printf("rmdir a: %d\n", rmdir(in(tree, "a")));
  list(tree);
  for (int i = 0; i < 12; i++) {
    char name[16];
    snprintf(name, sizeof name, "file%02d", i);
    unlink(in(tree, name));
  }
  unlink(in(tree, "link"));
  rmdir(in(tree, "b"));
  printf("rmdir tree: %d\n", rmdir(tree));
  list(dir);
  return 0;
}

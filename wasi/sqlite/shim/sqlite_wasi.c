/*
 * Definitions for sqlite_wasi.h, and system(): functions SQLite's unix layer and shell call that
 * WASI preview 1 cannot provide. Each fails the way POSIX says a system without the facility does,
 * never pretending to succeed.
 */
#include <errno.h>
#include <stdlib.h>

#include "sqlite_wasi.h"

/* SQLite calls fchmod after creating a journal, and ignores the result. */
int fchmod(int fd, mode_t mode) {
  (void)fd;
  (void)mode;
  errno = ENOTSUP;
  return -1;
}

/* The shell's writefile() with a mode argument. */
int chmod(const char *path, mode_t mode) {
  (void)path;
  (void)mode;
  errno = ENOTSUP;
  return -1;
}

/* SQLite calls fchown only when geteuid() is 0. */
int fchown(int fd, uid_t owner, gid_t group) {
  (void)fd;
  (void)owner;
  (void)group;
  errno = ENOTSUP;
  return -1;
}

/* Not root: a WASI guest owns nothing and can give nothing away. */
uid_t geteuid(void) { return 1; }

/* There is no command processor (.system, .shell, .edit): system(NULL) says so, as C11 7.22.4.8
   allows. */
int system(const char *command) {
  if (command == NULL) {
    return 0;
  }
  errno = ENOSYS;
  return -1;
}

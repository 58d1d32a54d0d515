/*
 * wasi-libc has no <pwd.h>: there are no users. shell.c looks the home directory up with
 * getpwuid(getuid()) before it tries $HOME; here the lookup finds nothing, so $HOME decides.
 * Only shell.c sees this header (it is on the include path of the shell's compile alone).
 */
#ifndef CORTADO_SQLITE_WASI_PWD_H
#define CORTADO_SQLITE_WASI_PWD_H

#include <sys/types.h>

struct passwd {
  char *pw_name;
  char *pw_dir;
};

static inline uid_t getuid(void) { return 1; }

static inline struct passwd *getpwuid(uid_t uid) {
  (void)uid;
  return 0;
}

#endif

/*
 * The operating-system layer for SQLite's speedtest1 as a benchmark workload.
 *
 * SQLite 3.40 (Debian 12's sqlite3 source) has no WASI port of its Unix VFS, and the benchmark
 * needs none: speedtest1 runs with --memdb, so no file is ever opened. Built with
 * SQLITE_OS_OTHER=1, SQLite calls sqlite3_os_init() here to register a VFS. This one refuses to
 * open files, reads the clock for speedtest1's timings, and gives deterministic "randomness", so
 * that the native and wasm builds do exactly the same work. Both builds use this file.
 */
#include <string.h>
#include <time.h>

#include "sqlite3.h"

static int refuse_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
                       int *out_flags) {
  (void)vfs, (void)name, (void)flags, (void)out_flags;
  file->pMethods = 0;
  return SQLITE_CANTOPEN;
}

static int no_delete(sqlite3_vfs *vfs, const char *name, int sync_dir) {
  (void)vfs, (void)name, (void)sync_dir;
  return SQLITE_OK;
}

static int never_exists(sqlite3_vfs *vfs, const char *name, int flags, int *result) {
  (void)vfs, (void)name, (void)flags;
  *result = 0;
  return SQLITE_OK;
}

static int full_pathname(sqlite3_vfs *vfs, const char *name, int size, char *out) {
  (void)vfs;
  sqlite3_snprintf(size, out, "%s", name);
  return SQLITE_OK;
}

/* A fixed sequence: SQLite only uses it to seed its PRNG, and runs must be comparable. */
static int fixed_randomness(sqlite3_vfs *vfs, int size, char *out) {
  (void)vfs;
  unsigned state = 0x2545f491u;
  for (int i = 0; i < size; i++) {
    state = state * 1103515245u + 12345u;
    out[i] = (char)(state >> 16);
  }
  return size;
}

static int no_sleep(sqlite3_vfs *vfs, int microseconds) {
  (void)vfs;
  return microseconds;
}

/* Milliseconds since the Julian epoch, as SQLite's time functions expect. */
static int current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out) {
  (void)vfs;
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  *out = (sqlite3_int64)210866760000000LL + (sqlite3_int64)now.tv_sec * 1000 +
         now.tv_nsec / 1000000;
  return SQLITE_OK;
}

static int current_time(sqlite3_vfs *vfs, double *out) {
  sqlite3_int64 milliseconds;
  current_time_int64(vfs, &milliseconds);
  *out = milliseconds / 86400000.0;
  return SQLITE_OK;
}

static int last_error(sqlite3_vfs *vfs, int size, char *out) {
  (void)vfs;
  if (size > 0) out[0] = 0;
  return 0;
}

static sqlite3_vfs memory_only_vfs = {
    2,                  /* iVersion */
    sizeof(sqlite3_file), /* szOsFile: opening fails, but SQLite still sizes the handle */
    512,                /* mxPathname */
    0,                  /* pNext */
    "memory-only",      /* zName */
    0,                  /* pAppData */
    refuse_open,        /* xOpen */
    no_delete,          /* xDelete */
    never_exists,       /* xAccess */
    full_pathname,      /* xFullPathname */
    0, 0, 0, 0,         /* xDlOpen, xDlError, xDlSym, xDlClose: no extensions */
    fixed_randomness,   /* xRandomness */
    no_sleep,           /* xSleep */
    current_time,       /* xCurrentTime */
    last_error,         /* xGetLastError */
    current_time_int64, /* xCurrentTimeInt64 */
    0, 0, 0,            /* xSetSystemCall, xGetSystemCall, xNextSystemCall */
};

int sqlite3_os_init(void) { return sqlite3_vfs_register(&memory_only_vfs, 1); }

int sqlite3_os_end(void) { return SQLITE_OK; }

/*
 * Shared by the hostile corpus programs (h_*.c): each tries to get out of its sandbox and prints
 * one line per attempt, "<what> -> <errno name>", with witx's errno names. The Java test holds the
 * expected lines and checks that nothing outside the sandbox changed.
 *
 * Layout the test gives them (SandboxCorpusTest): fd 3 = "/sandbox" (read-write), fd 4 = "/ro"
 * (read-only); outside both, "outside/canary.txt". Inside /sandbox the host made links that point
 * out: to-outside -> ../outside, abs -> <absolute outside>, sub/up2 -> ../../outside/canary.txt,
 * dangle -> ../outside/new.txt, loop-a <-> loop-b, self -> self.
 *
 * Plain WASI calls (no stdio) keep each program under a few kilobytes.
 */
#ifndef HOSTILE_H
#define HOSTILE_H

#include <stdint.h>
#include <string.h>
#include <wasi/api.h>

#define SANDBOX 3
#define RO 4

#define R_READ (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_FILESTAT_GET)
#define R_WRITE (__WASI_RIGHTS_FD_WRITE)
#define R_DIR                                                                          \
  (__WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_FILESTAT_GET | \
   __WASI_RIGHTS_PATH_CREATE_FILE | __WASI_RIGHTS_PATH_UNLINK_FILE)

static const char *const ERRNO_NAMES[] = {
    "success", "2big", "acces", "addrinuse", "addrnotavail", "afnosupport", "again",
    "already", "badf", "badmsg", "busy", "canceled", "child", "connaborted", "connrefused",
    "connreset", "deadlk", "destaddrreq", "dom", "dquot", "exist", "fault", "fbig",
    "hostunreach", "idrm", "ilseq", "inprogress", "intr", "inval", "io", "isconn", "isdir",
    "loop", "mfile", "mlink", "msgsize", "multihop", "nametoolong", "netdown", "netreset",
    "netunreach", "nfile", "nobufs", "nodev", "noent", "noexec", "nolck", "nolink", "nomem",
    "nomsg", "noprotoopt", "nospc", "nosys", "notconn", "notdir", "notempty",
    "notrecoverable", "notsock", "notsup", "notty", "nxio", "overflow", "ownerdead", "perm",
    "pipe", "proto", "protonosupport", "prototype", "range", "rofs", "spipe", "srch", "stale",
    "timedout", "txtbsy", "xdev", "notcapable"};

static inline void out(const char *s) {
  __wasi_ciovec_t v = {(const uint8_t *)s, strlen(s)};
  __wasi_size_t n;
  (void)__wasi_fd_write(1, &v, 1, &n);
}

/* Prints "<what> -> <errno name>". */
static inline void report(const char *what, __wasi_errno_t e) {
  out(what);
  out(" -> ");
  out(e < sizeof ERRNO_NAMES / sizeof *ERRNO_NAMES ? ERRNO_NAMES[e] : "?");
  out("\n");
}

/* path_open relative to `dir`; closes what it opened (a success is reported as such). */
static inline __wasi_errno_t try_open(__wasi_fd_t dir, __wasi_lookupflags_t follow, const char *path,
                               __wasi_oflags_t oflags, __wasi_rights_t rights) {
  __wasi_fd_t fd;
  __wasi_errno_t e = __wasi_path_open(dir, follow, path, oflags, rights, 0, 0, &fd);
  if (e == 0) {
    (void)__wasi_fd_close(fd);
  }
  return e;
}

/* The raw import, for pointers and lengths a C caller would never pass. */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open"))) int32_t
raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len, int32_t oflags,
              int64_t base, int64_t inheriting, int32_t fdflags, int32_t fd_out);

__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write"))) int32_t
raw_fd_write(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nwritten);

__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_read"))) int32_t
raw_fd_read(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nread);

/* One past the last byte of linear memory. */
static inline int32_t memory_end(void) { return (int32_t)(__builtin_wasm_memory_size(0) * 65536); }

#endif

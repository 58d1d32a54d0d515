/*
 * What SQLite 3.40's unix layer (os_unix.c) and shell (shell.c) expect from a POSIX system that
 * wasi-libc does not declare. Included before every file of the build (clang -include).
 *
 * Locking: WASI preview 1 has no advisory locks, so the build makes "unix-dotfile" the default VFS
 * (a lock is a directory made beside the database: path_create_directory, which is atomic). The
 * posix-lock VFSes are still compiled in, so their lock constants must exist; wasi-libc's fcntl
 * answers EINVAL to them, so a guest that asks for VFS "unix" gets SQLITE_IOERR_LOCK, not a silent
 * lack of locking.
 */
#ifndef CORTADO_SQLITE_WASI_H
#define CORTADO_SQLITE_WASI_H

#include <fcntl.h>
#include <sys/types.h>

#ifndef F_RDLCK
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#endif
#ifndef F_GETLK
/* Not wasi-libc's F_GETFD..F_SETFL (1-4): its fcntl rejects these. */
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#endif

/* WASI has no owners and no permission bits: see sqlite_wasi.c. */
int fchmod(int fd, mode_t mode);
int chmod(const char *path, mode_t mode);
int fchown(int fd, uid_t owner, gid_t group);
uid_t geteuid(void);

#endif

package dev.cortado.wasi.internal;

import dev.cortado.wasi.WasiClock;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/** The {@code fstflags} of {@code fd_filestat_set_times} and {@code path_filestat_set_times}. */
final class Times {
  static final int ATIM = 1;
  static final int ATIM_NOW = 2;
  static final int MTIM = 4;
  static final int MTIM_NOW = 8;

  /** Access and modification time to set (null: leave unchanged). */
  record Update(FileTime access, FileTime modified) {}

  private Times() {}

  /**
   * The times {@code flags} asks for; {@code *_NOW} reads the guest's realtime clock (so a
   * deterministic clock gives deterministic times). Fails with {@code inval} for unknown flags or
   * both a time and "now" for the same field.
   */
  static Update of(long atim, long mtim, int flags, WasiClock clock) {
    if ((flags & ~(ATIM | ATIM_NOW | MTIM | MTIM_NOW)) != 0) {
      throw new ErrnoException(Errno.INVAL, "unknown fstflags " + flags);
    }
    if ((flags & (ATIM | ATIM_NOW)) == (ATIM | ATIM_NOW)
        || (flags & (MTIM | MTIM_NOW)) == (MTIM | MTIM_NOW)) {
      throw new ErrnoException(Errno.INVAL, "both a time and now");
    }
    long now = (flags & (ATIM_NOW | MTIM_NOW)) != 0 ? clock.now(WasiClock.Id.REALTIME) : 0;
    FileTime access = (flags & ATIM) != 0 ? time(atim) : (flags & ATIM_NOW) != 0 ? time(now) : null;
    FileTime modified =
        (flags & MTIM) != 0 ? time(mtim) : (flags & MTIM_NOW) != 0 ? time(now) : null;
    return new Update(access, modified);
  }

  /** A u64 count of nanoseconds since the epoch. */
  static FileTime time(long nanos) {
    long seconds = Long.divideUnsigned(nanos, 1_000_000_000L);
    long rest = Long.remainderUnsigned(nanos, 1_000_000_000L);
    return FileTime.from(Instant.ofEpochSecond(seconds, rest));
  }
}

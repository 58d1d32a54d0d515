package dev.cortado.wasi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasi.RequiredTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Our constants against wasi-libc's {@code wasi/api.h}, which is generated from the witx files
 * (skipped where wasi-libc is not installed; failed instead under {@code CI=true}).
 */
class WitxConstantsTest {
  private static final Path API_H = Path.of("/usr/include/wasm32-wasi/wasi/api.h");
  private static final Pattern DEFINE =
      Pattern.compile(
          "#define __WASI_([A-Z0-9_]+) \\((?:UINT\\d+_C\\((\\d+)\\)|\\(__wasi_\\w+\\)\\(1 << (\\d+)\\))\\)");

  private static Map<String, Long> apiConstants() throws IOException {
    RequiredTool.require(Files.exists(API_H), "wasi-libc not installed");
    Map<String, Long> out = new HashMap<>();
    Matcher m = DEFINE.matcher(Files.readString(API_H));
    while (m.find()) {
      long v = m.group(2) != null ? Long.parseLong(m.group(2)) : 1L << Integer.parseInt(m.group(3));
      out.put(m.group(1), v);
    }
    return out;
  }

  @Test
  void errnoCodesAreWitxs() throws IOException {
    Map<String, Long> api = apiConstants();
    int seen = 0;
    for (Errno e : Errno.values()) {
      String key = "ERRNO_" + e.witxName().toUpperCase(Locale.ROOT);
      assertThat(api).as(key).containsEntry(key, (long) e.code());
      seen++;
    }
    assertThat(seen).isEqualTo(77);
    assertThat(api.keySet().stream().filter(k -> k.startsWith("ERRNO_"))).hasSize(77);
  }

  @Test
  void rightsAreWitxs() throws IOException {
    Map<String, Long> api = apiConstants();
    for (String[] r :
        new String[][] {
          {"FD_DATASYNC", "" + Rights.FD_DATASYNC},
          {"FD_READ", "" + Rights.FD_READ},
          {"FD_SEEK", "" + Rights.FD_SEEK},
          {"FD_FDSTAT_SET_FLAGS", "" + Rights.FD_FDSTAT_SET_FLAGS},
          {"FD_SYNC", "" + Rights.FD_SYNC},
          {"FD_TELL", "" + Rights.FD_TELL},
          {"FD_WRITE", "" + Rights.FD_WRITE},
          {"FD_ADVISE", "" + Rights.FD_ADVISE},
          {"FD_ALLOCATE", "" + Rights.FD_ALLOCATE},
          {"PATH_CREATE_DIRECTORY", "" + Rights.PATH_CREATE_DIRECTORY},
          {"PATH_CREATE_FILE", "" + Rights.PATH_CREATE_FILE},
          {"PATH_LINK_SOURCE", "" + Rights.PATH_LINK_SOURCE},
          {"PATH_LINK_TARGET", "" + Rights.PATH_LINK_TARGET},
          {"PATH_OPEN", "" + Rights.PATH_OPEN},
          {"FD_READDIR", "" + Rights.FD_READDIR},
          {"PATH_READLINK", "" + Rights.PATH_READLINK},
          {"PATH_RENAME_SOURCE", "" + Rights.PATH_RENAME_SOURCE},
          {"PATH_RENAME_TARGET", "" + Rights.PATH_RENAME_TARGET},
          {"PATH_FILESTAT_GET", "" + Rights.PATH_FILESTAT_GET},
          {"PATH_FILESTAT_SET_SIZE", "" + Rights.PATH_FILESTAT_SET_SIZE},
          {"PATH_FILESTAT_SET_TIMES", "" + Rights.PATH_FILESTAT_SET_TIMES},
          {"FD_FILESTAT_GET", "" + Rights.FD_FILESTAT_GET},
          {"FD_FILESTAT_SET_SIZE", "" + Rights.FD_FILESTAT_SET_SIZE},
          {"FD_FILESTAT_SET_TIMES", "" + Rights.FD_FILESTAT_SET_TIMES},
          {"PATH_SYMLINK", "" + Rights.PATH_SYMLINK},
          {"PATH_REMOVE_DIRECTORY", "" + Rights.PATH_REMOVE_DIRECTORY},
          {"PATH_UNLINK_FILE", "" + Rights.PATH_UNLINK_FILE},
          {"POLL_FD_READWRITE", "" + Rights.POLL_FD_READWRITE},
          {"SOCK_SHUTDOWN", "" + Rights.SOCK_SHUTDOWN},
          {"SOCK_ACCEPT", "" + Rights.SOCK_ACCEPT},
        }) {
      assertThat(api).as(r[0]).containsEntry("RIGHTS_" + r[0], Long.parseLong(r[1]));
    }
  }

  @Test
  void fileTypesAndFlagsAreWitxs() throws IOException {
    Map<String, Long> api = apiConstants();
    assertThat(api)
        .containsEntry("FILETYPE_DIRECTORY", (long) FileType.DIRECTORY)
        .containsEntry("FILETYPE_REGULAR_FILE", (long) FileType.REGULAR_FILE)
        .containsEntry("FILETYPE_SYMBOLIC_LINK", (long) FileType.SYMBOLIC_LINK)
        .containsEntry("FILETYPE_CHARACTER_DEVICE", (long) FileType.CHARACTER_DEVICE)
        .containsEntry("FILETYPE_SOCKET_STREAM", (long) FileType.SOCKET_STREAM)
        .containsEntry("OFLAGS_CREAT", (long) PathFunctions.O_CREAT)
        .containsEntry("OFLAGS_DIRECTORY", (long) PathFunctions.O_DIRECTORY)
        .containsEntry("OFLAGS_EXCL", (long) PathFunctions.O_EXCL)
        .containsEntry("OFLAGS_TRUNC", (long) PathFunctions.O_TRUNC)
        .containsEntry("FDFLAGS_APPEND", (long) Descriptor.APPEND)
        .containsEntry("FDFLAGS_DSYNC", (long) Descriptor.DSYNC)
        .containsEntry("FDFLAGS_NONBLOCK", (long) Descriptor.NONBLOCK)
        .containsEntry("FDFLAGS_RSYNC", (long) Descriptor.RSYNC)
        .containsEntry("FDFLAGS_SYNC", (long) Descriptor.SYNC)
        .containsEntry("FSTFLAGS_ATIM", (long) Times.ATIM)
        .containsEntry("FSTFLAGS_ATIM_NOW", (long) Times.ATIM_NOW)
        .containsEntry("FSTFLAGS_MTIM", (long) Times.MTIM)
        .containsEntry("FSTFLAGS_MTIM_NOW", (long) Times.MTIM_NOW)
        .containsEntry("LOOKUPFLAGS_SYMLINK_FOLLOW", (long) PathFunctions.LOOKUP_SYMLINK_FOLLOW);
  }
}

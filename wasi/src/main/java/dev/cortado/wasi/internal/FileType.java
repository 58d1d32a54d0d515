package dev.cortado.wasi.internal;

/** WASI preview 1 file types (witx {@code $filetype}, a u8). */
public final class FileType {
  public static final int UNKNOWN = 0;
  public static final int BLOCK_DEVICE = 1;
  public static final int CHARACTER_DEVICE = 2;
  public static final int DIRECTORY = 3;
  public static final int REGULAR_FILE = 4;
  public static final int SOCKET_DGRAM = 5;
  public static final int SOCKET_STREAM = 6;
  public static final int SYMBOLIC_LINK = 7;

  private FileType() {}

  /** The file type of a POSIX {@code st_mode} ({@code S_IFMT} bits). */
  public static int ofMode(int mode) {
    return switch (mode & 0170000) {
      case 0140000 -> SOCKET_STREAM;
      case 0120000 -> SYMBOLIC_LINK;
      case 0100000 -> REGULAR_FILE;
      case 0060000 -> BLOCK_DEVICE;
      case 0040000 -> DIRECTORY;
      case 0020000 -> CHARACTER_DEVICE;
      default -> UNKNOWN; // FIFOs have no WASI file type
    };
  }
}

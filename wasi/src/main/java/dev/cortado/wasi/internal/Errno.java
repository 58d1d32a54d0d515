package dev.cortado.wasi.internal;

/**
 * WASI preview 1 error codes, numbered exactly as {@code typenames.witx} of {@code
 * wasi_snapshot_preview1} declares them ({@code (typename $errno (enum (@witx tag u16) ...))}).
 */
public enum Errno {
  SUCCESS(0, "success"),
  E2BIG(1, "2big"),
  ACCES(2, "acces"),
  ADDRINUSE(3, "addrinuse"),
  ADDRNOTAVAIL(4, "addrnotavail"),
  AFNOSUPPORT(5, "afnosupport"),
  AGAIN(6, "again"),
  ALREADY(7, "already"),
  BADF(8, "badf"),
  BADMSG(9, "badmsg"),
  BUSY(10, "busy"),
  CANCELED(11, "canceled"),
  CHILD(12, "child"),
  CONNABORTED(13, "connaborted"),
  CONNREFUSED(14, "connrefused"),
  CONNRESET(15, "connreset"),
  DEADLK(16, "deadlk"),
  DESTADDRREQ(17, "destaddrreq"),
  DOM(18, "dom"),
  DQUOT(19, "dquot"),
  EXIST(20, "exist"),
  FAULT(21, "fault"),
  FBIG(22, "fbig"),
  HOSTUNREACH(23, "hostunreach"),
  IDRM(24, "idrm"),
  ILSEQ(25, "ilseq"),
  INPROGRESS(26, "inprogress"),
  INTR(27, "intr"),
  INVAL(28, "inval"),
  IO(29, "io"),
  ISCONN(30, "isconn"),
  ISDIR(31, "isdir"),
  LOOP(32, "loop"),
  MFILE(33, "mfile"),
  MLINK(34, "mlink"),
  MSGSIZE(35, "msgsize"),
  MULTIHOP(36, "multihop"),
  NAMETOOLONG(37, "nametoolong"),
  NETDOWN(38, "netdown"),
  NETRESET(39, "netreset"),
  NETUNREACH(40, "netunreach"),
  NFILE(41, "nfile"),
  NOBUFS(42, "nobufs"),
  NODEV(43, "nodev"),
  NOENT(44, "noent"),
  NOEXEC(45, "noexec"),
  NOLCK(46, "nolck"),
  NOLINK(47, "nolink"),
  NOMEM(48, "nomem"),
  NOMSG(49, "nomsg"),
  NOPROTOOPT(50, "noprotoopt"),
  NOSPC(51, "nospc"),
  NOSYS(52, "nosys"),
  NOTCONN(53, "notconn"),
  NOTDIR(54, "notdir"),
  NOTEMPTY(55, "notempty"),
  NOTRECOVERABLE(56, "notrecoverable"),
  NOTSOCK(57, "notsock"),
  NOTSUP(58, "notsup"),
  NOTTY(59, "notty"),
  NXIO(60, "nxio"),
  OVERFLOW(61, "overflow"),
  OWNERDEAD(62, "ownerdead"),
  PERM(63, "perm"),
  PIPE(64, "pipe"),
  PROTO(65, "proto"),
  PROTONOSUPPORT(66, "protonosupport"),
  PROTOTYPE(67, "prototype"),
  RANGE(68, "range"),
  ROFS(69, "rofs"),
  SPIPE(70, "spipe"),
  SRCH(71, "srch"),
  STALE(72, "stale"),
  TIMEDOUT(73, "timedout"),
  TXTBSY(74, "txtbsy"),
  XDEV(75, "xdev"),
  NOTCAPABLE(76, "notcapable");

  private static final Errno[] BY_CODE = values();

  private final int code;
  private final String witxName;

  Errno(int code, String witxName) {
    this.code = code;
    this.witxName = witxName;
  }

  /** The numeric value a WASI function returns. */
  public int code() {
    return code;
  }

  /** The name in the witx file, e.g. {@code "noent"}. */
  public String witxName() {
    return witxName;
  }

  /** The errno with this code, or null if there is none. */
  public static Errno ofCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}

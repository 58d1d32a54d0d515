package dev.cortado.wasi.internal;

import dev.cortado.runtime.ExitException;
import dev.cortado.runtime.HostFunction;
import dev.cortado.runtime.Memory;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.InvalidPathException;
import java.nio.file.ProviderMismatchException;
import java.util.ArrayList;
import java.util.List;

/**
 * One WASI function: its name, its parameters (names and how to show them in a trace), its core
 * wasm type, and its body. {@link #invoke} is the single place where a body's outcome becomes the
 * errno the guest sees, and where the trace hook writes its line.
 */
public final class WasiFunction {
  /** A function body: returns an errno code (0 for success) or throws. */
  @FunctionalInterface
  public interface Body {
    int call(GuestMemory memory, long[] args) throws IOException;
  }

  /** How a parameter is typed and shown. */
  private enum Kind {
    /** An i32 shown as unsigned decimal. */
    U32,
    /** An i32 pointer, shown in hex. */
    POINTER,
    /** An i32 pointer to a UTF-8 string whose length is the next parameter. */
    STRING,
    /** An i64 shown as unsigned decimal. */
    U64,
    /** An i64 bit set (rights), shown in hex. */
    BITS64
  }

  private final String name;
  private final List<String> paramNames;
  private final List<Kind> kinds;
  private final FuncType type;
  private final Body body;

  /**
   * @param params space-separated parameter names; a suffix says the kind: {@code :p} pointer,
   *     {@code :s} string pointer (its length follows), {@code :l} u64, {@code :x} 64-bit bit set;
   *     none is a u32
   * @param returnsErrno false only for {@code proc_exit}, which returns nothing
   */
  public WasiFunction(String name, String params, boolean returnsErrno, Body body) {
    this.name = name;
    this.body = body;
    List<String> names = new ArrayList<>();
    List<Kind> ks = new ArrayList<>();
    List<ValType> types = new ArrayList<>();
    for (String p : params.isBlank() ? new String[0] : params.split(" ")) {
      String[] parts = p.split(":");
      Kind k =
          parts.length == 1
              ? Kind.U32
              : switch (parts[1]) {
                case "p" -> Kind.POINTER;
                case "s" -> Kind.STRING;
                case "l" -> Kind.U64;
                case "x" -> Kind.BITS64;
                default -> throw new IllegalArgumentException("bad parameter kind: " + p);
              };
      names.add(parts[0]);
      ks.add(k);
      types.add(k == Kind.U64 || k == Kind.BITS64 ? ValType.I64 : ValType.I32);
    }
    this.paramNames = List.copyOf(names);
    this.kinds = List.copyOf(ks);
    this.type = FuncType.of(types, returnsErrno ? List.of(ValType.I32) : List.of());
  }

  public String name() {
    return name;
  }

  public FuncType type() {
    return type;
  }

  /**
   * Runs the body and returns its errno code. An {@link ErrnoException} or a JDK I/O failure
   * becomes an errno; {@link ExitException} and traps pass through; any other exception is a bug
   * and passes through too (the runtime turns it into a host-error trap, not a silent errno).
   *
   * @param trace where to log the call, or null
   */
  public int invoke(GuestMemory memory, long[] args, PrintStream trace) {
    int result;
    String detail = null;
    try {
      result = body.call(memory, args);
    } catch (ErrnoException e) {
      result = e.errno().code();
      detail = e.getMessage();
    } catch (IOException
        | UncheckedIOException
        | NonReadableChannelException
        | NonWritableChannelException
        | IllegalBlockingModeException
        | InvalidPathException
        | ProviderMismatchException
        | UnsupportedOperationException
        | SecurityException e) {
      Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
      result = IoErrors.errnoOf(cause).code();
      detail = cause.getMessage();
    } catch (ExitException e) {
      if (trace != null) {
        trace.println(describeCall(memory, args) + " -> exit " + e.exitCode());
      }
      throw e;
    } catch (RuntimeException | Error e) {
      if (trace != null) {
        trace.println(describeCall(memory, args) + " -> " + e);
      }
      throw e;
    }
    if (trace != null) {
      Errno errno = Errno.ofCode(result);
      String r = errno != null ? errno.witxName() : Integer.toString(result);
      trace.println(
          describeCall(memory, args)
              + " -> "
              + r
              + (detail != null && result != 0 && !detail.equals(r) ? " (" + detail + ")" : ""));
    }
    return result;
  }

  /** The function as a host function for a linker, reading memory from the caller. */
  public HostFunction hostFunction(java.util.function.Supplier<PrintStream> trace) {
    boolean returnsErrno = !type.results().isEmpty();
    return (caller, args) -> {
      Memory m = caller.memory();
      GuestMemory memory = m == null ? GuestMemory.NONE : GuestMemory.of(m);
      long[] raw = new long[args.length];
      for (int i = 0; i < args.length; i++) {
        raw[i] = args[i].bits();
      }
      int r = invoke(memory, raw, trace.get());
      return returnsErrno ? new Value[] {Value.i32(r)} : new Value[0];
    };
  }

  /** {@code name(param=value, ...)} for the trace. */
  String describeCall(GuestMemory memory, long[] args) {
    StringBuilder sb = new StringBuilder(name).append('(');
    for (int i = 0; i < paramNames.size() && i < args.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(paramNames.get(i)).append('=');
      long v = args[i];
      switch (kinds.get(i)) {
        case U32 -> sb.append(Integer.toUnsignedString((int) v));
        case POINTER -> sb.append("0x").append(Integer.toHexString((int) v));
        case U64 -> sb.append(Long.toUnsignedString(v));
        case BITS64 -> sb.append("0x").append(Long.toHexString(v));
        case STRING -> {
          sb.append("0x").append(Integer.toHexString((int) v));
          if (i + 1 < args.length) {
            sb.append(' ').append(quoted(memory, (int) v, (int) args[i + 1]));
          }
        }
      }
    }
    return sb.append(')').toString();
  }

  private static String quoted(GuestMemory memory, int pointer, int length) {
    if (length < 0 || length > 1024) {
      return "<long>";
    }
    try {
      String s = new String(memory.bytes(pointer, length), java.nio.charset.StandardCharsets.UTF_8);
      StringBuilder sb = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        if (c == '"' || c == '\\') {
          sb.append('\\').append(c);
        } else if (c < 0x20) {
          sb.append(String.format("\\x%02x", (int) c));
        } else {
          sb.append(c);
        }
      }
      return sb.append('"').toString();
    } catch (ErrnoException e) {
      return "<out of bounds>";
    }
  }
}

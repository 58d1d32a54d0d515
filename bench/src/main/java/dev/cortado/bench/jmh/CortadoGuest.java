package dev.cortado.bench.jmh;

import dev.cortado.runtime.ExportedFunction;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Memory;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import java.util.List;
import java.util.Locale;

/** {@link GuestModule} on Cortado, in one tier. */
final class CortadoGuest implements Guest {
  static final FuncType HOST_INC = FuncType.of(List.of(ValType.I32), List.of(ValType.I32));

  private final ExportedFunction inc;
  private final ExportedFunction callHost;
  private final ExportedFunction fib;
  private final ExportedFunction memloop;
  private final Memory memory;

  CortadoGuest(String tier, byte[] module) {
    Instance instance =
        instantiate(
            StoreConfig.defaults().withTier(Tier.valueOf(tier.toUpperCase(Locale.ROOT))),
            WasmModule.parse(module));
    inc = instance.function("inc");
    callHost = instance.function("call_host");
    fib = instance.function("fib");
    memloop = instance.function("memloop");
    memory = instance.memory("memory");
  }

  /** Links the host function and instantiates: what the instantiation figure times. */
  static Instance instantiate(StoreConfig config, WasmModule module) {
    Linker linker = new Linker();
    linker.define(
        "env",
        "host_inc",
        HOST_INC,
        (caller, args) -> new Value[] {Value.i32(args[0].asInt() + 1)});
    return linker.instantiate(new Store(config), module);
  }

  @Override
  public int inc(int x) {
    return inc.call(Value.i32(x))[0].asInt();
  }

  @Override
  public int callHost(int n) {
    return callHost.call(Value.i32(n))[0].asInt();
  }

  @Override
  public int fib(int n) {
    return fib.call(Value.i32(n))[0].asInt();
  }

  @Override
  public int memloop(int rounds) {
    return memloop.call(Value.i32(rounds))[0].asInt();
  }

  @Override
  public void write(int address, byte[] data) {
    memory.write(address, data);
  }

  @Override
  public byte[] readBytes(int address, int length) {
    return memory.readBytes(address, length);
  }

  @Override
  public int sumInts(int address, int count) {
    int sum = 0;
    for (int i = 0; i < count; i++) {
      sum += memory.readInt(address + 4L * i);
    }
    return sum;
  }
}

package dev.cortado.bench.jmh;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import java.util.function.Function;

/**
 * {@link GuestModule} on Chicory: its interpreter or its compiler, with {@link ByteArrayMemory}.
 */
final class ChicoryGuest implements Guest {
  private final ExportFunction inc;
  private final ExportFunction callHost;
  private final ExportFunction fib;
  private final ExportFunction memloop;
  private final Memory memory;

  ChicoryGuest(byte[] module, boolean compiled) {
    WasmModule parsed = Parser.parse(module);
    Instance instance = instantiate(parsed, machineFactory(parsed, compiled));
    inc = instance.export("inc");
    callHost = instance.export("call_host");
    fib = instance.export("fib");
    memloop = instance.export("memloop");
    memory = instance.memory();
  }

  /** The compiler's machine factory (compiling the module once), or null for the interpreter. */
  static Function<Instance, Machine> machineFactory(WasmModule module, boolean compiled) {
    return compiled ? MachineFactoryCompiler.compile(module) : null;
  }

  /** Links the host function and instantiates: what the instantiation figure times. */
  static Instance instantiate(WasmModule module, Function<Instance, Machine> machineFactory) {
    HostFunction hostInc =
        new HostFunction(
            "env",
            "host_inc",
            FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
            (instance, args) -> new long[] {(int) args[0] + 1});
    Instance.Builder builder =
        Instance.builder(module)
            .withImportValues(ImportValues.builder().addFunction(hostInc).build())
            .withMemoryFactory(ByteArrayMemory::new);
    if (machineFactory != null) {
      builder.withMachineFactory(machineFactory);
    }
    return builder.build();
  }

  @Override
  public int inc(int x) {
    return (int) inc.apply(x)[0];
  }

  @Override
  public int callHost(int n) {
    return (int) callHost.apply(n)[0];
  }

  @Override
  public int fib(int n) {
    return (int) fib.apply(n)[0];
  }

  @Override
  public int memloop(int rounds) {
    return (int) memloop.apply(rounds)[0];
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
      sum += memory.readInt(address + 4 * i);
    }
    return sum;
  }
}

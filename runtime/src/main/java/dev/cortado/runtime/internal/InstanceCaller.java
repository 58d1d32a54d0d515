package dev.cortado.runtime.internal;

import dev.cortado.runtime.Caller;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Store;

/** What a host function called from a module instance's code sees. */
final class InstanceCaller implements Caller {
  private final ModuleInstance instance;

  InstanceCaller(ModuleInstance instance) {
    this.instance = instance;
  }

  @Override
  public Instance instance() {
    return instance;
  }

  @Override
  public Store store() {
    return instance.store();
  }

  @Override
  public boolean interrupted() {
    return instance.state.interruption != 0;
  }
}

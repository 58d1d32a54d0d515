package dev.cortado.runtime.internal.compiler;

import java.lang.constant.ConstantDescs;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The bootstrap method of the {@code invokedynamic} instructions that call a function in another
 * generated class: links the call to the callee's call site in the module's {@link CompiledModule},
 * which is the calling class's class data.
 */
public final class CallLinker {
  private CallLinker() {}

  public static CallSite link(
      MethodHandles.Lookup caller, String name, MethodType type, int funcIndex)
      throws IllegalAccessException {
    CompiledModule module =
        MethodHandles.classDataAt(caller, ConstantDescs.DEFAULT_NAME, CompiledModule.class, 0);
    CallSite site = module.callSite(funcIndex);
    if (!site.type().equals(type)) {
      throw new IllegalStateException(
          "call of function " + funcIndex + " as " + type + ", but it is " + site.type());
    }
    return site;
  }
}

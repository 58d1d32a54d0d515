package dev.cortado.runtime;

/**
 * How much of a module runs as compiled code (see {@link CompiledCode#statistics}).
 *
 * @param functions the module's functions (imports not counted)
 * @param compiledFunctions how many of them have compiled code; the rest run in the interpreter
 * @param methods how many JVM methods their code takes (a big function is split into several)
 * @param methodsOverLimit how many of those exceed the method size limit (HotSpot does not
 *     JIT-compile them); the goal is none
 * @param largestMethod the largest method's bytecode size
 * @param splitFunctions how many functions were split into several methods
 * @param classes how many classes were generated
 * @param failedFunctions how many functions the compiler failed on (they run interpreted)
 * @param precompiled whether the code was loaded from a {@code .cwasm} file or the code cache
 *     rather than compiled in this process
 */
public record CompiledCodeStatistics(
    int functions,
    int compiledFunctions,
    int methods,
    int methodsOverLimit,
    int largestMethod,
    int splitFunctions,
    int classes,
    int failedFunctions,
    boolean precompiled) {
  @Override
  public String toString() {
    return compiledFunctions
        + " of "
        + functions
        + " functions compiled, "
        + methods
        + " methods ("
        + methodsOverLimit
        + " over the size limit, largest "
        + largestMethod
        + " bytes), "
        + splitFunctions
        + " functions split, "
        + classes
        + " classes"
        + (failedFunctions > 0 ? ", " + failedFunctions + " failed" : "")
        + (precompiled ? " (precompiled)" : "");
  }
}

package dev.cortado.runtime.internal;

import dev.cortado.runtime.ExportedFunction;

/** The one implementation root of {@link ExportedFunction}. */
public abstract non-sealed class FunctionHandle implements ExportedFunction {}

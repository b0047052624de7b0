package io.jstan.cli.config;

/** An unquoted {@code $name} value, at {@code offset} in its source, still to be resolved. */
record VariableReference(String name, int offset) {
}

package io.jstan.cli.logging;

/**
 * How the server logs.
 *
 * @param timestamps whether lines carry the date and time (-T)
 * @param debug      debug lines (-D)
 * @param trace      protocol trace lines (-V)
 */
public record LogSettings(LogDestination destination, boolean timestamps, boolean debug, boolean trace) {
}

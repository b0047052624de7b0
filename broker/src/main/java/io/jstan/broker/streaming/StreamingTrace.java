package io.jstan.broker.streaming;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-message log of the engine (-SV): what is received, delivered, redelivered and
 * acknowledged. A logger of its own, so that debug (-SD) stays readable.
 */
final class StreamingTrace {
    static final Logger LOG = LoggerFactory.getLogger("io.jstan.broker.streaming.trace");

    private StreamingTrace() {
    }
}

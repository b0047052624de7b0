package io.jstan.broker.streaming;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The state monitoring reports: standalone, or the active member of a fault-tolerance group. */
class StreamingServerStateTest {
    @RegisterExtension
    final InProcessStreaming server = new InProcessStreaming();

    @Test
    void aServerOutsideAnyGroupIsStandalone() {
        assertEquals("STANDALONE", server.server().state());
    }

    @Test
    void aServerStartedInAGroupIsItsActiveMember() {
        assertEquals("FT_ACTIVE", server.start(new StreamingOptions().faultToleranceGroup("pair")).state());
    }
}

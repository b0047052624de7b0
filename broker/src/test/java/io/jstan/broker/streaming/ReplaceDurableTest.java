package io.jstan.broker.streaming;

import io.jstan.broker.testing.ReplaceDurableScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ReplaceDurableScenarios} against the in-process streaming server with --replace_durable, on a MEMORY store. */
class ReplaceDurableTest {
    @RegisterExtension
    final InProcessStreaming server = newServer();

    /** On a MEMORY store; a subclass runs the same tests on another. */
    InProcessStreaming newServer() {
        return new InProcessStreaming();
    }

    private ReplaceDurableScenarios scenarios() {
        server.start(new StreamingOptions().replaceDurable(true));
        return new ReplaceDurableScenarios(server.clients());
    }

    @Test
    void subscribingAgainReplacesTheOnlineDurable() throws Exception {
        scenarios().subscribingAgainReplacesTheOnlineDurable();
    }

    @Test
    void anotherClientsDurableOfTheSameNameIsLeftAlone() throws Exception {
        scenarios().anotherClientsDurableOfTheSameNameIsLeftAlone();
    }
}

package io.jstan.broker.streaming;

/** The same queue group scenarios on a FILE store. */
class StanQueueGroupOnFileStoreTest extends StanQueueGroupTest {
    @Override
    InProcessStreaming newServer() {
        return InProcessStreaming.onFileStore();
    }
}

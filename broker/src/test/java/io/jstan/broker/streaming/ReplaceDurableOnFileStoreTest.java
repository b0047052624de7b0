package io.jstan.broker.streaming;

/** The same scenarios on a FILE store, where a writer thread applies operations in batches. */
class ReplaceDurableOnFileStoreTest extends ReplaceDurableTest {
    @Override
    InProcessStreaming newServer() {
        return InProcessStreaming.onFileStore();
    }
}

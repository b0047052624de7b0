package io.jstan.broker.bus;

/** Receives the messages of a {@link Bus} subscription. {@code reply} is null when there is none. */
@FunctionalInterface
public interface MessageHandler {
    void onMessage(String subject, String reply, byte[] data);
}

package io.jstan.broker.nats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwaitedRepliesTest {
    private final AwaitedReplies replies = new AwaitedReplies();

    @Test
    void askingWhetherAnAnswerIsAwaitedDoesNotCountItAsDelivered() {
        replies.requested("_INBOX.a");

        assertTrue(replies.awaits("_INBOX.a"));
        assertTrue(replies.awaits("_INBOX.a"));
        assertFalse(replies.awaits("_INBOX.b"));
        assertTrue(replies.answered("_INBOX.a"));
        assertFalse(replies.awaits("_INBOX.a"));
        assertTrue(replies.none());
    }

    @Test
    void requestsNeverAnsweredAreForgottenAfterTwoPingIntervals() {
        replies.requested("_INBOX.a");
        replies.forgetStale();
        assertTrue(replies.awaits("_INBOX.a"), "still awaited after one interval");

        replies.forgetStale();

        assertFalse(replies.awaits("_INBOX.a"));
        assertTrue(replies.none());
    }
}

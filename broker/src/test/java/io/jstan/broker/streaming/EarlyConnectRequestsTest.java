package io.jstan.broker.streaming;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What happens to the connect requests that come before the server serves. */
class EarlyConnectRequestsTest {
    private final EarlyConnectRequests early = new EarlyConnectRequests();
    private final List<String> answered = new ArrayList<>();

    @Test
    void heldRequestsAreHandedOverInOrderThenLaterOnesGoStraightThrough() {
        early.onMessage("discover", "first", new byte[0]);
        early.onMessage("discover", "second", new byte[0]);
        assertEquals(List.of(), answered);

        early.serveWith((subject, reply, data) -> answered.add(reply));
        assertEquals(List.of("first", "second"), answered);

        early.onMessage("discover", "third", new byte[0]);
        assertEquals(List.of("first", "second", "third"), answered);
    }

    @Test
    void aFloodDuringTheStartIsBounded() {
        for (int i = 0; i < EarlyConnectRequests.MAX_HELD + 5; i++) {
            early.onMessage("discover", "inbox." + i, new byte[0]);
        }

        early.serveWith((subject, reply, data) -> answered.add(reply));
        assertEquals(EarlyConnectRequests.MAX_HELD, answered.size());
        assertEquals("inbox." + (EarlyConnectRequests.MAX_HELD - 1), answered.get(answered.size() - 1));
    }
}

package io.jstan.store;

import com.google.protobuf.ByteString;
import io.jstan.store.proto.MsgProto;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class RecentMessagesTest {
    private static final int PAYLOAD = 1000;

    @Test
    void overTheBudgetTheOldestAppendsGoFirstWhicheverChannelTheyBelongTo() {
        RecentMessages recent = new RecentMessages(5 * RecentMessages.cost(message(1)));
        RecentMessages.Channel a = recent.channel();
        RecentMessages.Channel b = recent.channel();

        a.appended(messages(1, 2));
        b.appended(messages(1, 2));
        a.appended(messages(3, 3));
        b.appended(messages(3, 3));

        assertNull(a.get(1), "a's first append went first");
        assertNull(a.get(2));
        assertNotNull(b.get(1), "b's first append still fits");
        assertNotNull(a.get(3));
        assertNotNull(b.get(3));
    }

    @Test
    void aGapFromTheCachedMessagesReplacesThemAndClearForgetsThem() {
        RecentMessages recent = new RecentMessages(RecentMessages.DEFAULT_BUDGET_BYTES);
        RecentMessages.Channel channel = recent.channel();
        channel.appended(messages(1, 40));

        channel.appended(messages(100, 101));

        assertNull(channel.get(40));
        assertEquals(100, channel.get(100).getSequence());
        assertEquals(101, channel.get(101).getSequence());
        channel.clear();
        assertNull(channel.get(100));
    }

    @Test
    void aClosedCacheHoldsNothing() {
        RecentMessages recent = new RecentMessages(RecentMessages.DEFAULT_BUDGET_BYTES);
        RecentMessages.Channel channel = recent.channel();
        channel.appended(messages(1, 3));

        recent.close();
        channel.appended(messages(4, 5));

        assertNull(channel.get(1));
        assertNull(channel.get(4));
    }

    private static List<MsgProto> messages(long from, long to) {
        List<MsgProto> messages = new ArrayList<>();
        for (long sequence = from; sequence <= to; sequence++) {
            messages.add(message(sequence));
        }
        return messages;
    }

    private static MsgProto message(long sequence) {
        return MsgProto.newBuilder().setSequence(sequence).setSubject("c")
                .setData(ByteString.copyFrom(new byte[PAYLOAD])).build();
    }
}

package io.jstan.raft;

import io.jstan.raft.ops.ChannelDelete;
import io.jstan.raft.ops.Operation;
import io.jstan.raft.ops.PublishBatch;
import io.jstan.store.proto.MsgProto;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PublishCoalescingTest {

    @Test
    void consecutivePublishesBecomeOneOperationPerChannelInTheOrderOfTheirFirstPublish() {
        List<Operation> batch = List.of(publish("b", 1), publish("a", 1), publish("b", 2, 3), publish("a", 2));

        List<PublishCoalescing.Merged<Operation>> merged = PublishCoalescing.coalesce(batch, Function.identity());

        assertEquals(2, merged.size());
        assertPublishes(merged.get(0), "b", List.of(1L, 2L, 3L));
        assertEquals(List.of(batch.get(0), batch.get(2)), merged.get(0).members());
        assertPublishes(merged.get(1), "a", List.of(1L, 2L));
        assertEquals(List.of(batch.get(1), batch.get(3)), merged.get(1).members());
    }

    @Test
    void anyOtherOperationEndsTheRunSoThatItSeesExactlyThePublishesBeforeIt() {
        Operation delete = Operation.newBuilder().setChannelDelete(ChannelDelete.newBuilder().setChannel("a")).build();
        List<Operation> batch = List.of(publish("a", 1), publish("a", 2), delete, publish("a", 1), publish("a", 2));

        List<PublishCoalescing.Merged<Operation>> merged = PublishCoalescing.coalesce(batch, Function.identity());

        assertEquals(3, merged.size());
        assertPublishes(merged.get(0), "a", List.of(1L, 2L));
        assertSame(delete, merged.get(1).operation());
        assertEquals(List.of(delete), merged.get(1).members());
        assertPublishes(merged.get(2), "a", List.of(1L, 2L));
    }

    @Test
    void aLonePublishIsPassedOnAsItIs() {
        Operation lone = publish("a", 7);

        List<PublishCoalescing.Merged<Operation>> merged = PublishCoalescing.coalesce(List.of(lone), Function.identity());

        assertSame(lone, merged.get(0).operation());
    }

    private static void assertPublishes(PublishCoalescing.Merged<Operation> merged, String channel, List<Long> sequences) {
        PublishBatch publish = merged.operation().getPublish();
        assertEquals(channel, publish.getChannel());
        assertEquals(sequences, publish.getMessagesList().stream().map(MsgProto::getSequence).toList());
    }

    private static Operation publish(String channel, long... sequences) {
        PublishBatch.Builder publish = PublishBatch.newBuilder().setChannel(channel);
        for (long sequence : sequences) {
            publish.addMessages(MsgProto.newBuilder().setSequence(sequence).setSubject(channel));
        }
        return Operation.newBuilder().setPublish(publish).build();
    }
}

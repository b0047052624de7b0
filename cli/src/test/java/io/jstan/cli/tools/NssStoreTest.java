package io.jstan.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.StanClients;
import io.jstan.cli.it.ReferenceStreamingServer;
import io.jstan.store.RecoveredSubscription;
import io.jstan.store.file.FileStoreOptions;
import io.jstan.store.migration.CorruptRecords;
import io.jstan.store.migration.NssChannel;
import io.jstan.store.migration.NssStore;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.SubState;
import io.nats.streaming.Message;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader of nats-streaming-server's FILE store, on a store the real server 0.25 wrote: limits
 * that rolled and removed message files, a durable with acknowledged and pending messages, a
 * closed client and one still connected when the server stopped.
 */
@Timeout(60)
class NssStoreTest {
    @TempDir
    Path dir;

    @Test
    void readsWhatTheServerStored() throws Exception {
        // max_msgs 10 and message files of 2 messages: the oldest files removed as new messages come.
        try (ReferenceStreamingServer nss = ReferenceStreamingServer.start(dir, "--max_msgs", "10", "--file_slice_max_msgs", "2")) {
            StanClients clients = nss.clients();
            StreamingConnection stays = clients.connect("stays");
            try (StreamingConnection publisher = clients.connect("publisher")) {
                for (int i = 1; i <= 25; i++) {
                    publisher.publish("a", ("a " + i).getBytes(StandardCharsets.UTF_8));
                }
                for (int i = 1; i <= 3; i++) {
                    publisher.publish("b", ("b " + i).getBytes(StandardCharsets.UTF_8));
                }
            }
            try (StreamingConnection keeper = clients.connect("keeper")) {
                StanClients.Received received = new StanClients.Received();
                keeper.subscribe("a", received, new SubscriptionOptions.Builder().durableName("d").manualAcks().maxInFlight(100)
                        .deliverAllAvailable().build());
                for (Message message : received.await(10).subList(0, 4)) {
                    message.ack();
                }
                ClientWaits.await(() -> pending(nss.monitor("/streaming/channelsz?channel=a&subs=1")) == 6, "the acks are stored");
            }
            nss.stop();
            stays.getNatsConnection().close();
        }

        NssStore store = NssStore.open(dir, FileStoreOptions.IEEE_POLYNOMIAL);
        assertEquals("test-cluster", store.serverInfo().orElseThrow().getClusterID());
        CorruptRecords corrupt = CorruptRecords.stopping();
        assertEquals(List.of("stays"), store.clients(corrupt).stream().map(ClientInfo::getID).toList());
        assertEquals(List.of("a", "b"), store.channelNames());

        NssChannel a = store.channel("a");
        List<Path> files = a.messageFiles();
        assertTrue(files.size() >= 5 && !files.get(0).getFileName().toString().equals("msgs.1.dat"),
                "the files rolled, and the oldest were removed: " + files);
        List<String> messages = new ArrayList<>();
        a.forEachMessage(corrupt, (message, size) -> messages.add(message.getSequence() + ":" + message.getData().toStringUtf8()));
        long first = Long.parseLong(messages.get(0).split(":")[0]);
        assertTrue(first <= 16, "the files hold at least the 10 messages the limit keeps: " + messages);
        for (int i = 0; i < messages.size(); i++) {
            assertEquals((first + i) + ":a " + (first + i), messages.get(i));
        }
        assertEquals(25, first + messages.size() - 1);

        List<String> b = new ArrayList<>();
        store.channel("b").forEachMessage(corrupt, (message, size) -> b.add(message.getData().toStringUtf8()));
        assertEquals(List.of("b 1", "b 2", "b 3"), b);

        List<RecoveredSubscription> subscriptions = a.subscriptions(corrupt);
        assertEquals(1, subscriptions.size());
        SubState durable = subscriptions.get(0).state();
        assertEquals("d", durable.getDurableName());
        assertEquals(25, durable.getLastSent());
        SortedSet<Long> pending = new TreeSet<>(List.of(20L, 21L, 22L, 23L, 24L, 25L));
        assertEquals(pending, subscriptions.get(0).pending());
        assertEquals(List.of(), store.channel("b").subscriptions(corrupt));
        assertEquals(0, corrupt.skipped());
    }

    private static int pending(JsonNode channel) {
        int pending = 0;
        for (JsonNode sub : channel.path("subscriptions")) {
            pending += sub.path("pending_count").asInt();
        }
        return pending;
    }
}

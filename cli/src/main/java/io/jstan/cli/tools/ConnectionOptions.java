package io.jstan.cli.tools;

import io.nats.client.NUID;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;

/** Where the tools find the streaming server: the NATS URL and the cluster ID, with stan.go's flag names. */
final class ConnectionOptions {
    @Option(names = {"-s", "--server"}, paramLabel = "<url>",
            description = "NATS server URL (default: ${DEFAULT-VALUE})")
    String url = "nats://127.0.0.1:4222";

    @Option(names = {"-c", "--cluster", "--cluster_id"}, paramLabel = "<cluster ID>",
            description = "NATS Streaming cluster ID (default: ${DEFAULT-VALUE})")
    String clusterId = "test-cluster";

    /** A client ID of its own for each run, so that two runs of a tool never collide: {@code jstan-<tool>-<NUID>}. */
    static String generatedClientId(String tool) {
        return "jstan-" + tool + "-" + NUID.nextGlobal();
    }

    /** Connects as {@code clientId} with {@code options}, its URL set here; what NATS reports goes to {@code err}. */
    StreamingConnection connect(String clientId, Options.Builder options, PrintStream err) throws IOException, InterruptedException {
        StreamingConnection connection;
        try {
            connection = NatsStreaming.connect(clusterId, clientId,
                    options.natsUrl(url).errorListener(new ToolErrorListener(err)).build());
        } catch (IOException e) {
            throw new IOException("can't connect to " + url + " (cluster ID '" + clusterId + "', client ID '"
                    + clientId + "'): " + e.getMessage(), e);
        }
        if (connection == null) {
            // The client swallows an interrupt and returns null.
            throw new InterruptedException("interrupted while connecting");
        }
        return connection;
    }
}

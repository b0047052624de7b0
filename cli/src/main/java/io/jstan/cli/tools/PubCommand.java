package io.jstan.cli.tools;

import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * {@code jstan pub}: publishes one message and waits for its ack, as stan.go's stan-pub does.
 * Both modes publish with an ack handler, which is what gives the ack's guid: synchronous
 * mode prints once the ack is in, asynchronous mode as soon as the message is sent and
 * again when the ack arrives.
 */
@Command(name = "jstan pub", sortOptions = false,
        description = "Publishes <message> to <channel> and waits for the server's ack.")
final class PubCommand implements ClientTool {
    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = {"-id", "--clientid", "--client_id"}, paramLabel = "<client ID>",
            description = "NATS Streaming client ID (default: jstan-pub-<random>)")
    String clientId;

    @Option(names = {"-a", "--async"}, arity = "0..1", paramLabel = "<bool>", description = "Print when sent, then when acknowledged")
    boolean async;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this message")
    boolean help;

    @Parameters(index = "0", paramLabel = "<channel>", description = "The channel to publish to")
    String channel;

    @Parameters(index = "1", paramLabel = "<message>", description = "The message, sent as UTF-8")
    String message;

    @Override
    public int run(PrintStream out, PrintStream err) throws IOException, TimeoutException, InterruptedException {
        String id = clientId != null ? clientId : ConnectionOptions.generatedClientId("pub");
        try (StreamingConnection streaming = connection.connect(id, new Options.Builder(), err)) {
            CompletableFuture<String> ack = new CompletableFuture<>();
            String guid = streaming.publish(channel, message.getBytes(StandardCharsets.UTF_8), (ackedGuid, error) -> {
                if (error == null) {
                    ack.complete(ackedGuid);
                } else {
                    ack.completeExceptionally(new IOException("ack for guid " + ackedGuid + ": " + error.getMessage(), error));
                }
            });
            if (async) {
                out.println(published(guid));
                out.println("Received ACK for guid " + Futures.await(ack));
            } else {
                Futures.await(ack);
                out.println(published(guid));
            }
        }
        return 0;
    }

    private String published(String guid) {
        return "Published [" + channel + "] : '" + message + "' [guid: " + guid + "]";
    }
}

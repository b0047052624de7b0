package io.jstan.cli.options;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The value types that nats-streaming-server's flags use beyond strings, ints and booleans. */
class GoValueConvertersTest {

    static final class StreamingLikeCommand {
        @Option(names = {"-mb", "--max_bytes"})
        ByteSize maxBytes = new ByteSize(0);

        @Option(names = {"-hbi", "--hb_interval"})
        Duration heartbeatInterval = Duration.ofSeconds(30);
    }

    @Test
    void sizesAndDurationsInGoSyntax() throws Exception {
        StreamingLikeCommand command = new StreamingLikeCommand();
        ArgumentParser.parseOnto(command, List.of("-max_bytes", "64KB", "--hbi=1m30s"));
        assertEquals(new ByteSize(64 * 1024), command.maxBytes);
        assertEquals(Duration.ofSeconds(90), command.heartbeatInterval);
    }

    @Test
    void plainNumberIsASizeInBytes() throws Exception {
        StreamingLikeCommand command = new StreamingLikeCommand();
        ArgumentParser.parseOnto(command, List.of("-mb", "1000"));
        assertEquals(new ByteSize(1000), command.maxBytes);
    }

    @Test
    void badValuesAreToldInOneLine() {
        UsageException size = assertThrows(UsageException.class,
                () -> ArgumentParser.parseOnto(new StreamingLikeCommand(), List.of("-mb", "lots")));
        assertEquals("invalid value for option '--max_bytes': 'lots' is not a size such as 1048576, 1MB or 64KB"
                + " (see 'jstan --help')", size.getMessage());
        UsageException duration = assertThrows(UsageException.class,
                () -> ArgumentParser.parseOnto(new StreamingLikeCommand(), List.of("-hbi", "30")));
        assertEquals("invalid value for option '--hb_interval': '30' is not a duration such as 500ms, 2m or 1h30m"
                + " (see 'jstan --help')", duration.getMessage());
    }
}

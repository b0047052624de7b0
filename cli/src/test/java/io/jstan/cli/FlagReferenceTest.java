package io.jstan.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/flags.md must be what {@link FlagReference} generates from the command as it is now. */
class FlagReferenceTest {
    /** The test runs in the cli module's directory. */
    private static final Path FLAGS_MD = Path.of("..", "docs", "flags.md");
    private static final String REGENERATE = "jstan.regenerateFlagsDoc";

    @Test
    void docsFlagsMdIsUpToDate() throws IOException {
        String generated = FlagReference.markdown();
        if (Boolean.getBoolean(REGENERATE)) {
            Files.writeString(FLAGS_MD, generated, StandardCharsets.UTF_8);
        }
        String current = Files.exists(FLAGS_MD) ? Files.readString(FLAGS_MD, StandardCharsets.UTF_8) : "";
        assertEquals(generated, current, "docs/flags.md is not what the jstan command generates; regenerate it with:"
                + " mvn -B -o -pl cli test -Dtest=FlagReferenceTest -D" + REGENERATE + "=true");
    }
}

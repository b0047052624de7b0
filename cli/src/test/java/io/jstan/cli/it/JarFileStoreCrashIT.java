package io.jstan.cli.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The FILE store keeps what it acknowledged through {@code kill -9}, twenty times over one directory. */
@Timeout(600)
class JarFileStoreCrashIT {
    private static final int CYCLES = 20;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageSurvivesRepeatedKills() throws Exception {
        RepeatedKills.everyAcknowledgedMessageSurvives(CYCLES, () -> JstanJar.localStreaming("-st", "FILE", "--dir", dir.toString()));
    }
}

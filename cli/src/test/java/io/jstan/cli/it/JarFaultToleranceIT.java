package io.jstan.cli.it;

import io.jstan.broker.testing.ReferenceNatsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * A fault-tolerance group: two servers on one directory and one NATS network (Debian's
 * nats-server), one active and one standby. When the active one is killed, the standby takes
 * the store over and serves, and the client carries on with everything acknowledged before.
 */
@Timeout(120)
class JarFaultToleranceIT {
    @TempDir
    Path dir;

    @Test
    void theStandbyTakesOverWhenTheActiveServerIsKilled() throws Exception {
        try (ReferenceNatsServer nats = ReferenceNatsServer.start()) {
            StandbyTakeover.standbyTakesOver(nats.url(),
                    new String[] {"-ns", nats.url(), "-st", "FILE", "--dir", dir.toString(), "--ft_group", "pair"}, 50);
        }
    }
}

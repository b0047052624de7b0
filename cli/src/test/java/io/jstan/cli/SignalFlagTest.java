package io.jstan.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code -sl} against a process of ours: the exit status of a process killed by signal n is 128 + n. */
class SignalFlagTest {
    private static final int SIGINT = 2;
    private static final int SIGKILL = 9;
    private static final int SIGUSR1 = 10;

    @TempDir
    Path dir;
    private Process target;

    @AfterEach
    void killTarget() {
        if (target != null) {
            target.destroyForcibly();
        }
    }

    @Test
    void quitSendsSigintToThePidInThePidFile() throws Exception {
        target = sleeper();
        Path pidFile = pidFile(target);
        assertEquals(OptionalInt.of(0), LauncherTest.run("-sl", "quit", "-P", pidFile.toString()).exit());
        assertEquals(128 + SIGINT, exitStatus(target));
    }

    @Test
    void stopSendsSigkillToTheGivenPid() throws Exception {
        target = sleeper();
        assertEquals(OptionalInt.of(0), LauncherTest.run("--signal", "stop=" + target.pid()).exit());
        assertEquals(128 + SIGKILL, exitStatus(target));
    }

    @Test
    void reopenSendsSigusr1ToThePidInTheFileAfterEquals() throws Exception {
        target = sleeper();
        Path pidFile = pidFile(target);
        assertEquals(OptionalInt.of(0), LauncherTest.run("-sl", "reopen=" + pidFile).exit());
        assertEquals(128 + SIGUSR1, exitStatus(target));
    }

    @Test
    void missingPidFile() {
        LauncherTest.Result result = LauncherTest.run("-sl", "quit", "-P", dir.resolve("none.pid").toString());
        assertEquals(OptionalInt.of(1), result.exit());
        assertEquals("jstan: '" + dir.resolve("none.pid") + "' is neither a pid nor a readable pid file\n", result.err());
    }

    /**
     * A process that dies of the signals sent. Started through env --default-signal because a
     * process started in the background by a shell inherits SIGINT ignored.
     */
    private static Process sleeper() throws IOException {
        return new ProcessBuilder("env", "--default-signal=INT", "sleep", "600").inheritIO().start();
    }

    private Path pidFile(Process process) throws IOException {
        return Files.writeString(dir.resolve("target.pid"), Long.toString(process.pid()));
    }

    private static int exitStatus(Process process) throws InterruptedException {
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the signalled process is still running");
        return process.exitValue();
    }
}

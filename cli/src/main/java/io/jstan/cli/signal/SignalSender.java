package io.jstan.cli.signal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Sends a {@link SignalRequest}'s signal to the server's process, with the system's {@code kill}. */
public final class SignalSender {
    private static final long KILL_TIMEOUT_SECONDS = 10;

    private SignalSender() {
    }

    /** @throws SignalException saying, in one line, why the signal could not be sent */
    public static void send(SignalRequest request) throws SignalException {
        long pid = pid(request.pidOrPidFile());
        Process kill;
        try {
            kill = new ProcessBuilder("kill", "-s", request.signal().signalName(), Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new SignalException("cannot run kill: " + e.getMessage());
        }
        try {
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!kill.waitFor(KILL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new SignalException("kill did not finish within " + KILL_TIMEOUT_SECONDS + "s");
            }
            if (kill.exitValue() != 0) {
                throw new SignalException("cannot send " + request.signal().command() + " to pid " + pid
                        + (output.isEmpty() ? "" : ": " + output.lines().findFirst().orElse("")));
            }
        } catch (IOException e) {
            throw new SignalException("cannot run kill: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignalException("interrupted while sending the signal");
        }
    }

    /** As nats-server: the text is a pid file when such a file can be read, else the pid itself. */
    private static long pid(String pidOrPidFile) throws SignalException {
        String pid = pidOrPidFile;
        try {
            Path file = Path.of(pidOrPidFile);
            if (Files.isRegularFile(file)) {
                pid = Files.readString(file, StandardCharsets.UTF_8).strip();
            }
        } catch (InvalidPathException | IOException e) {
            throw new SignalException("cannot read pid file " + pidOrPidFile + ": " + e.getMessage());
        }
        long value;
        try {
            value = Long.parseLong(pid);
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value > 0) {
            return value;
        }
        throw new SignalException(pid.equals(pidOrPidFile)
                ? "'" + pidOrPidFile + "' is neither a pid nor a readable pid file"
                : "invalid pid '" + pid + "' in pid file " + pidOrPidFile);
    }
}

package io.jstan.cli.signal;

import io.jstan.cli.options.UsageException;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code -sl <signal>[=<pid>]} asks for: a signal, and the running server's pid or the
 * pid file that holds it.
 *
 * @param pidOrPidFile the text after '=', else the {@code -P} pid file
 */
public record SignalRequest(ProcessSignal signal, String pidOrPidFile) {

    public static SignalRequest parse(String value, Path pidFile) throws UsageException {
        String[] parts = value.split("=", -1);
        if (parts.length > 2) {
            throw new UsageException("invalid signal parameters '" + value + "' (expected <signal>[=<pid>])");
        }
        ProcessSignal signal = signal(parts[0]);
        if (parts.length == 2) {
            return new SignalRequest(signal, parts[1]);
        }
        if (pidFile == null) {
            throw new UsageException("-sl " + parts[0] + " needs the server's pid: give its pid file with -P,"
                    + " or " + parts[0] + "=<pid>");
        }
        return new SignalRequest(signal, pidFile.toString());
    }

    private static ProcessSignal signal(String command) throws UsageException {
        switch (command.toLowerCase(Locale.ROOT)) {
            case "stop" -> {
                return ProcessSignal.STOP;
            }
            case "quit" -> {
                return ProcessSignal.QUIT;
            }
            case "reopen" -> {
                return ProcessSignal.REOPEN;
            }
            case "reload" -> throw new UsageException("signal 'reload' is not supported by jstan yet");
            default -> throw new UsageException("unknown signal '" + command + "' (expected stop, quit or reopen)");
        }
    }
}

package io.jstan.cli.logging;

import java.nio.file.Path;

/** Where log lines go: one of stderr, a file, or a syslog server. */
public sealed interface LogDestination {

    record Stderr() implements LogDestination {
    }

    /** Appended to; reopened on SIGUSR1 for log rotation. */
    record File(Path path) implements LogDestination {
    }

    /**
     * Datagrams to a syslog server.
     *
     * @param facility the syslog facility number, as nats-server uses it for this destination
     */
    record Syslog(String host, int port, int facility) implements LogDestination {
        private static final int KERNEL = 0;
        private static final int DAEMON = 3;
        private static final int SYSLOG_PORT = 514;

        /** -s: the local syslog daemon, facility daemon as nats-server. */
        public static Syslog local() {
            return new Syslog("localhost", SYSLOG_PORT, DAEMON);
        }

        /**
         * -r: nats-server dials remote syslog with priority LOG_DEBUG, whose facility bits are
         * those of kern; kept so that existing filters on the syslog server still match.
         */
        public static Syslog remote(String host, int port) {
            return new Syslog(host, port, KERNEL);
        }
    }
}

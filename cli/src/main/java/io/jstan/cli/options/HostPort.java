package io.jstan.cli.options;

/**
 * The value of nats-server's {@code listen}, {@code http} and {@code https} keys: a port
 * alone, or {@code host:port} ({@code [::1]:4222} for an IPv6 host).
 *
 * @param host null when only a port was given
 */
public record HostPort(String host, int port) {

    static HostPort parse(String key, String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("option '" + key + "': could not parse address string \"" + text
                    + "\" (expected host:port)");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String port = text.substring(colon + 1);
        try {
            return new HostPort(host.isEmpty() ? null : host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + key + "': could not parse port \"" + port + "\"");
        }
    }
}

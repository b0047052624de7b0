package io.jstan.cli.options;

import java.util.List;

/**
 * The external NATS server the streaming server connects to (-ns) instead of embedding one.
 *
 * @param urls     the servers to try, as given in -ns (comma-separated there)
 * @param user     null for none; as nats-streaming-server, the embedded server's --user and --pass
 *                 (or its authorization block) are the credentials of this connection
 * @param password null for none
 * @param token    null for none (--auth)
 */
public record ExternalNats(List<String> urls, String user, String password, String token, NatsClientTls tls) {
}

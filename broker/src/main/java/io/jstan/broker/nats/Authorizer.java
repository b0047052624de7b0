package io.jstan.broker.nats;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks a CONNECT's credentials against --user/--pass or --auth. */
final class Authorizer {
    private final String user;
    private final String password;
    private final String token;

    Authorizer(NatsServerOptions options) {
        this.user = options.user();
        this.password = options.password();
        this.token = options.authToken();
    }

    boolean isAuthorized(ConnectOptions connect) {
        if (token != null) {
            return sameSecret(token, connect.authToken());
        }
        return sameSecret(user, connect.user()) && sameSecret(password == null ? "" : password, connect.pass());
    }

    /** Constant-time, so that a wrong guess tells nothing about how close it was. */
    static boolean sameSecret(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}

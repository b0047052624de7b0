package io.jstan.cli.options;

import io.jstan.broker.nats.NatsServerOptions;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The credentials a client must give in its CONNECT. */
public final class AuthorizationSection implements OptionSection {

    @Option(names = "--user", description = "User required for connections")
    @ConfigKey({"authorization.user", "authorization.username"})
    String user;

    @Option(names = "--pass", description = "Password required for connections")
    @ConfigKey({"authorization.password", "authorization.pass"})
    String password;

    @Option(names = "--auth", description = "Authorization token required for connections")
    @ConfigKey("authorization.token")
    String token;

    @ConfigKey(value = "authorization.timeout", description = "How long a client has to send its CONNECT (seconds, or a duration)")
    Duration timeout = NatsServerOptions.DEFAULT_AUTH_TIMEOUT;

    @Override
    public String heading() {
        return "Authorization Options";
    }

    void applyTo(NatsServerOptions options) throws UsageException {
        if (user != null && token != null) {
            throw new UsageException("a user and a token cannot both be required (--user/--pass or --auth, not both)");
        }
        if (password != null && user == null) {
            throw new UsageException("a password needs a user (--user)");
        }
        options.user(user).password(password).authToken(token).authTimeout(timeout);
    }
}

package io.jstan.cli.options;

import io.jstan.broker.nats.NatsServerOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** TLS for client connections (and https monitoring). */
public final class TlsSection implements OptionSection {

    /** Null unless given; {@code --tls=false} turns TLS off whatever else is set, as in nats-server. */
    @Option(names = "--tls", arity = "0..1", description = "Enable TLS, do not verify clients")
    Boolean tls;

    @Option(names = "--tlscert", description = "Server certificate file")
    @ConfigKey("tls.cert_file")
    Path certificate;

    @Option(names = "--tlskey", description = "Private key for server certificate")
    @ConfigKey("tls.key_file")
    Path key;

    @Option(names = "--tlsverify", arity = "0..1", description = "Enable TLS, verify client certificates")
    @ConfigKey("tls.verify")
    boolean verify;

    @Option(names = "--tlscacert", description = "Client certificate CA for verification")
    @ConfigKey("tls.ca_file")
    Path caCertificate;

    @ConfigKey(value = "tls.timeout", description = "How long a client has to complete the TLS handshake (seconds, or a duration)")
    Duration timeout = NatsServerOptions.DEFAULT_TLS_TIMEOUT;

    @Override
    public String heading() {
        return "TLS Options";
    }

    void applyTo(NatsServerOptions options) throws UsageException {
        if (Boolean.FALSE.equals(tls)) {
            return;
        }
        boolean enabled = Boolean.TRUE.equals(tls) || verify || certificate != null || key != null;
        if (!enabled) {
            return;
        }
        if (certificate == null || key == null) {
            throw new UsageException("TLS needs a server certificate and its private key"
                    + " (--tlscert and --tlskey, or cert_file and key_file in the tls block)");
        }
        options.tls(true).tlsCert(certificate).tlsKey(key).tlsCaCert(caCertificate).tlsVerify(verify).tlsTimeout(timeout);
    }
}

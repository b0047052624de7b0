package io.jstan.broker.nats;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TLS contexts made from PEM files with the JDK's own API, then handed to Netty. Netty's
 * SslContextBuilder, given files (and its JDK server context, whatever it is given), first looks
 * for BouncyCastle's PEM parser and, finding the BouncyCastle provider in the jar (jnats brings
 * it), instantiates it: hundreds of classes, a large part of a TLS server's start, for a parser
 * that is not there. As Netty without that parser, keys are PKCS#8 ({@code BEGIN PRIVATE KEY}),
 * unencrypted, RSA, EC or DSA; Netty's default protocols and cipher suites apply.
 */
public final class TlsFiles {
    private static final Pattern PRIVATE_KEY =
            Pattern.compile("-+BEGIN PRIVATE KEY-+([A-Za-z0-9+/=\\s]+)-+END PRIVATE KEY-+");
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "DSA"};
    private static final char[] NO_PASSWORD = new char[0];

    private TlsFiles() {
    }

    /** A server's context: its certificate and key, and when {@code caCert} is given, the CAs its clients' certificates must come from. */
    public static SslContext server(Path cert, Path key, Path caCert, ClientAuth clientAuth) throws IOException {
        return new JdkSslContext(sslContext(cert, key, caCert), false, null, IdentityCipherSuiteFilter.INSTANCE,
                null, clientAuth, null, false);
    }

    /** A client's context: its own certificate and key when {@code cert} is given; the CAs it trusts, the JVM's when {@code caCert} is null. */
    public static SslContext client(Path cert, Path key, Path caCert) throws IOException {
        return new JdkSslContext(sslContext(cert, key, caCert), true, null, IdentityCipherSuiteFilter.INSTANCE,
                null, ClientAuth.NONE, null, false);
    }

    /** The JDK context under {@link #server} and {@link #client}. */
    public static SSLContext sslContext(Path cert, Path key, Path caCert) throws IOException {
        try {
            KeyManagerFactory keys = null;
            if (cert != null) {
                KeyStore store = emptyKeyStore();
                store.setKeyEntry("key", privateKey(key), NO_PASSWORD, certificates(cert));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, NO_PASSWORD);
            }
            TrustManagerFactory trust = null;
            if (caCert != null) {
                KeyStore store = emptyKeyStore();
                X509Certificate[] authorities = certificates(caCert);
                for (int i = 0; i < authorities.length; i++) {
                    store.setCertificateEntry("ca-" + i, authorities[i]);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The certificates of a PEM file, in their order (a chain starts with the owner's own). */
    static X509Certificate[] certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate[] certificates = CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .toArray(X509Certificate[]::new);
            if (certificates.length == 0) {
                throw new IOException(file + " holds no certificate");
            }
            return certificates;
        }
    }

    /** The private key of a PEM file. */
    static PrivateKey privateKey(Path file) throws IOException {
        Matcher pem = PRIVATE_KEY.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
        if (!pem.find()) {
            throw new IOException(file + " holds no unencrypted PKCS#8 private key (BEGIN PRIVATE KEY);"
                    + " convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.group(1)));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // Not a key of this algorithm: try the next.
            }
        }
        throw new IOException(file + " holds a private key that is neither RSA, EC nor DSA");
    }

    private static KeyStore emptyKeyStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        return store;
    }
}

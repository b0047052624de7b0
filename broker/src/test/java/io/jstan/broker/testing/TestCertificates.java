package io.jstan.broker.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A throwaway certificate authority for TLS tests: a CA, a server certificate for 127.0.0.1
 * and localhost and a client certificate, both signed by the CA, written as PEM files (keys
 * as PKCS#8, as servers expect them); and client {@link SSLContext}s that trust the CA, with
 * or without the client certificate.
 */
public final class TestCertificates {
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final char[] KEY_STORE_PASSWORD = "test".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final X509Certificate ca;
    private final X509Certificate client;
    private final KeyPair clientKeys;

    private TestCertificates(Path directory, X509Certificate ca, X509Certificate client, KeyPair clientKeys) {
        this.directory = directory;
        this.ca = ca;
        this.client = client;
        this.clientKeys = clientKeys;
    }

    /** Creates the CA and both certificates, and writes them into {@code directory}. */
    public static TestCertificates writeTo(Path directory) throws IOException, GeneralSecurityException {
        KeyPair caKeys = newKeyPair();
        X500Name caName = new X500Name("CN=jstan test CA");
        X509Certificate ca = sign(caName, caKeys, caName, caKeys, certificateAuthority());

        KeyPair serverKeys = newKeyPair();
        X509Certificate server = sign(caName, caKeys, new X500Name("CN=localhost"), serverKeys,
                endEntity(KeyPurposeId.id_kp_serverAuth, new GeneralNames(new GeneralName[]{
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost")})));

        KeyPair clientKeys = newKeyPair();
        X509Certificate client = sign(caName, caKeys, new X500Name("CN=jstan test client"), clientKeys,
                endEntity(KeyPurposeId.id_kp_clientAuth, null));

        KeyPair routeKeys = newKeyPair();
        X509Certificate route = sign(caName, caKeys, new X500Name("CN=jstan test route"), routeKeys,
                endEntity(new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth},
                        new GeneralNames(new GeneralName[]{new GeneralName(GeneralName.iPAddress, "127.0.0.1")})));

        Files.createDirectories(directory);
        TestCertificates certificates = new TestCertificates(directory, ca, client, clientKeys);
        writePem(certificates.routeCert(), route);
        writePem(certificates.routeKey(), new JcaPKCS8Generator(routeKeys.getPrivate(), null));
        writePem(certificates.caCert(), ca);
        writePem(certificates.serverCert(), server);
        writePem(certificates.serverKey(), new JcaPKCS8Generator(serverKeys.getPrivate(), null));
        writePem(certificates.clientCert(), client);
        writePem(certificates.clientKey(), new JcaPKCS8Generator(clientKeys.getPrivate(), null));
        return certificates;
    }

    public Path caCert() {
        return directory.resolve("ca.pem");
    }

    public Path serverCert() {
        return directory.resolve("server-cert.pem");
    }

    public Path serverKey() {
        return directory.resolve("server-key.pem");
    }

    /** For routes, where each server is both a TLS server and a TLS client: both purposes, for 127.0.0.1. */
    public Path routeCert() {
        return directory.resolve("route-cert.pem");
    }

    public Path routeKey() {
        return directory.resolve("route-key.pem");
    }

    public Path clientCert() {
        return directory.resolve("client-cert.pem");
    }

    public Path clientKey() {
        return directory.resolve("client-key.pem");
    }

    /** A client context that trusts the CA and presents no certificate. */
    public SSLContext clientContext() throws GeneralSecurityException, IOException {
        return sslContext(null);
    }

    /** A client context that trusts the CA and presents the client certificate. */
    public SSLContext clientContextWithCertificate() throws GeneralSecurityException, IOException {
        KeyStore keys = emptyKeyStore();
        keys.setKeyEntry("client", clientKeys.getPrivate(), KEY_STORE_PASSWORD, new Certificate[]{client, ca});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, KEY_STORE_PASSWORD);
        return sslContext(factory.getKeyManagers());
    }

    private SSLContext sslContext(KeyManager[] keyManagers) throws GeneralSecurityException, IOException {
        KeyStore trusted = emptyKeyStore();
        trusted.setCertificateEntry("ca", ca);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore emptyKeyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** Adds a certificate's extensions to its builder. */
    private interface Extensions {
        void addTo(X509v3CertificateBuilder builder) throws CertIOException;
    }

    private static Extensions certificateAuthority() {
        return builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        };
    }

    private static Extensions endEntity(KeyPurposeId purpose, GeneralNames subjectAlternativeNames) {
        return endEntity(new KeyPurposeId[]{purpose}, subjectAlternativeNames);
    }

    private static Extensions endEntity(KeyPurposeId[] purposes, GeneralNames subjectAlternativeNames) {
        return builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
            if (subjectAlternativeNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames);
            }
        };
    }

    private static X509Certificate sign(X500Name issuer, KeyPair issuerKeys, X500Name subject, KeyPair subjectKeys,
                                        Extensions extensions) throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                subject, subjectKeys.getPublic());
        extensions.addTo(builder);
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKeys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign a test certificate", e);
        }
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
    }
}

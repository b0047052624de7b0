package io.jstan.broker.nats;

import io.jstan.broker.testing.TestCertificates;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PEM files a TLS configuration names, as jstan reads them (handshakes: TlsClientTest, RouteSecurityTest). */
class TlsFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsPkcs8KeysOfEachAlgorithmAndACertificateChain() throws Exception {
        TestCertificates certificates = TestCertificates.writeTo(dir);
        assertEquals("EC", TlsFiles.privateKey(certificates.serverKey()).getAlgorithm());
        assertEquals("RSA", TlsFiles.privateKey(pkcs8Key(rsaKeys())).getAlgorithm());

        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, Files.readString(certificates.serverCert()) + Files.readString(certificates.caCert()));
        assertEquals(2, TlsFiles.certificates(chain).length);
    }

    @Test
    void aTraditionalRsaKeyIsRefusedWithHowToConvertIt() throws Exception {
        Path key = dir.resolve("rsa-key.pem");
        try (Writer out = Files.newBufferedWriter(key, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(rsaKeys().getPrivate());
        }
        assertTrue(Files.readString(key).startsWith("-----BEGIN RSA PRIVATE KEY-----"));

        IOException refused = assertThrows(IOException.class, () -> TlsFiles.privateKey(key));
        assertEquals(key + " holds no unencrypted PKCS#8 private key (BEGIN PRIVATE KEY);"
                + " convert it with: openssl pkcs8 -topk8 -nocrypt -in " + key, refused.getMessage());
    }

    @Test
    void aFileWithoutCertificatesIsRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");

        assertThrows(Exception.class, () -> TlsFiles.certificates(empty));
        assertThrows(IOException.class, () -> TlsFiles.sslContext(empty, empty, null));
    }

    private Path pkcs8Key(KeyPair keys) throws IOException {
        Path key = dir.resolve("pkcs8-key.pem");
        try (Writer out = Files.newBufferedWriter(key, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
        }
        return key;
    }

    private static KeyPair rsaKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}

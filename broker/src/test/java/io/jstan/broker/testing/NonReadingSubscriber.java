package io.jstan.broker.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A raw client that subscribes and then never reads again, with a receive buffer kept small
 * so that the server's writes back up quickly.
 */
public final class NonReadingSubscriber implements AutoCloseable {
    /** verbose is on unless the client turns it off, as in nats-server. */
    private static final String QUIET_CONNECT = "CONNECT {\"verbose\":false}\r\n";

    private final Socket socket;

    private NonReadingSubscriber(Socket socket) {
        this.socket = socket;
    }

    /** Connects to 127.0.0.1:port, subscribes to {@code subject} and returns once the server confirmed it. */
    public static NonReadingSubscriber subscribe(int port, String subject) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) ClientWaits.WAIT.toMillis());
            socket.setSoTimeout((int) ClientWaits.WAIT.toMillis());
            socket.getOutputStream().write((QUIET_CONNECT + "SUB " + subject + " 1\r\nPING\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("closed before the subscription was confirmed");
                }
            } while (!line.equals("PONG"));
            return new NonReadingSubscriber(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Reads (and drops) whatever the server had sent, until the end of the stream or the deadline. */
    public boolean isClosedWithin(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

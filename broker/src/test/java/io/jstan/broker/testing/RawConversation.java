package io.jstan.broker.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A raw TCP client that plays protocol scripts against a NATS server and records what comes
 * back, byte for byte, without sleeping.
 *
 * <p>A step the server is expected to answer is followed by a {@code PING}: the server answers
 * in order, so every reply to the step has arrived once the matching {@code PONG} has. A step
 * expected to make the server close the connection is read until end of stream instead. Either
 * way a deadline bounds the wait, and what happened (a close, a missed deadline) is recorded as
 * a marker line rather than thrown, so that comparing two transcripts shows it.
 *
 * <p>Reply lines are the exact bytes received (ISO-8859-1, terminators included); a message
 * payload is one line of its own, read by its announced size.
 */
public final class RawConversation implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** Marks that the server closed (or reset) the connection. */
    public static final String CLOSED = "<closed>";
    /** Marks that the expected reply or close did not come before the deadline. */
    public static final String TIMED_OUT = "<timed out>";

    private static final String SYNC_PING = "PING\r\n";
    private static final String SYNC_PONG = "PONG\r\n";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Duration timeout;
    private final String info;
    private boolean closedByServer;
    /** The size of the MSG or HMSG payload to read next, or -1 when a line comes next. */
    private int pendingPayload = -1;

    private RawConversation(Socket socket, Duration timeout) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.timeout = timeout;
        this.info = readInfo();
    }

    /** Connects to 127.0.0.1:port and reads the INFO the server greets with. */
    public static RawConversation open(int port) throws IOException {
        return open("127.0.0.1", port, DEFAULT_TIMEOUT);
    }

    public static RawConversation open(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return new RawConversation(socket, timeout);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Accepts the connection of a server that dials {@code listener} (a route it solicits) and
     * reads the first line it sends, normally its {@code CONNECT}.
     */
    public static RawConversation accept(ServerSocket listener) throws IOException {
        listener.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
        Socket socket = listener.accept();
        try {
            socket.setTcpNoDelay(true);
            return new RawConversation(socket, DEFAULT_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * The first line the server sent, exactly: normally {@code INFO {...}\r\n}, or the
     * {@code CONNECT} of a server that dialled ({@link #accept}).
     */
    public String info() {
        return info;
    }

    /**
     * Sends {@code sent}, then a {@code PING}, and returns the replies that came before its
     * {@code PONG} (the {@code PONG}s answering PINGs inside {@code sent} included), ending with
     * {@link #CLOSED} or {@link #TIMED_OUT} when the server closed or went quiet instead.
     */
    public List<String> exchange(String sent) {
        send(sent + SYNC_PING);
        int pongsExpected = ClientProtocolScan.countPings(sent) + 1;
        List<String> replies = new ArrayList<>();
        int pongsSeen = 0;
        long deadline = deadline();
        while (pongsSeen < pongsExpected) {
            boolean payload = pendingPayload >= 0;
            String line = readReply(deadline);
            if (line.equals(CLOSED) || line.equals(TIMED_OUT)) {
                replies.add(line);
                return replies;
            }
            if (!payload && line.trim().equalsIgnoreCase("PONG")) {
                pongsSeen++;
            }
            replies.add(line);
        }
        if (replies.get(replies.size() - 1).equals(SYNC_PONG)) {
            replies.remove(replies.size() - 1);
        }
        return replies;
    }

    /**
     * Sends {@code sent} and returns every reply until the server closes the connection, ending
     * with {@link #CLOSED}, or with {@link #TIMED_OUT} when it is still open at the deadline.
     */
    public List<String> exchangeUntilClosed(String sent) {
        send(sent);
        List<String> replies = new ArrayList<>();
        long deadline = deadline();
        String line;
        do {
            line = readReply(deadline);
            replies.add(line);
        } while (!line.equals(CLOSED) && !line.equals(TIMED_OUT));
        return replies;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * Makes a reply comparable between servers: an INFO line gets its JSON keys sorted and the
     * fields that differ between servers, builds or connections neutralised (see {@link InfoNormaliser}).
     */
    public static String normalise(String reply) {
        return InfoNormaliser.isInfo(reply) ? InfoNormaliser.normalise(reply) : reply;
    }

    /** A reply (or sent bytes) as one printable line: CR, LF, tab, backslash and non-ASCII escaped. */
    public static String escape(String raw) {
        StringBuilder escaped = new StringBuilder(raw.length() + 8);
        for (char c : raw.toCharArray()) {
            switch (c) {
                case '\r' -> escaped.append("\\r");
                case '\n' -> escaped.append("\\n");
                case '\t' -> escaped.append("\\t");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        escaped.append(c);
                    } else {
                        escaped.append(String.format("\\x%02x", (int) c));
                    }
                }
            }
        }
        return escaped.toString();
    }

    private String readInfo() throws IOException {
        String line = readReply(deadline());
        if (line.equals(CLOSED) || line.equals(TIMED_OUT)) {
            throw new IOException("nothing from " + socket.getRemoteSocketAddress() + ": " + line);
        }
        return line;
    }

    /** A failed write is not reported: the server has closed, which the next read records. */
    private void send(String sent) {
        try {
            out.write(sent.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException closed) {
            closedByServer = true;
        }
    }

    /** One reply line; for MSG and HMSG the payload follows as the next reply. */
    private String readReply(long deadline) {
        if (closedByServer) {
            return CLOSED;
        }
        try {
            return readLineOrPayload(deadline);
        } catch (SocketTimeoutException e) {
            return TIMED_OUT;
        } catch (IOException endOfStreamOrReset) {
            closedByServer = true;
            return CLOSED;
        }
    }

    private String readLineOrPayload(long deadline) throws IOException {
        if (pendingPayload >= 0) {
            int size = pendingPayload;
            pendingPayload = -1;
            return readBytes(size + 2, deadline);
        }
        String line = readLine(deadline);
        pendingPayload = ClientProtocolScan.messagePayloadSize(line);
        return line;
    }

    private String readLine(long deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        do {
            b = readByte(deadline);
            if (b < 0) {
                if (line.size() == 0) {
                    throw new EOFException();
                }
                // A partial line before the close is kept; the close is seen on the next read.
                return line.toString(StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        } while (b != '\n');
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private String readBytes(int count, long deadline) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(count);
        while (bytes.size() < count) {
            int b = readByte(deadline);
            if (b < 0) {
                break;
            }
            bytes.write(b);
        }
        if (bytes.size() == 0) {
            throw new EOFException();
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private int readByte(long deadline) throws IOException {
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0) {
            throw new SocketTimeoutException();
        }
        socket.setSoTimeout((int) remainingMillis);
        return in.read();
    }

    private long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /** Just enough of the client and route protocols to find PINGs among sent bytes and payload sizes in replies. */
    private static final class ClientProtocolScan {
        private ClientProtocolScan() {
        }

        /** The PING operations in {@code sent}, skipping PUB/HPUB payloads. */
        static int countPings(String sent) {
            int pings = 0;
            int pos = 0;
            while (pos < sent.length()) {
                int end = sent.indexOf('\n', pos);
                if (end < 0) {
                    break;
                }
                String[] args = sent.substring(pos, end).trim().split("\\s+");
                pos = end + 1;
                String op = args[0].toUpperCase(Locale.ROOT);
                if (op.equals("PING")) {
                    pings++;
                } else if (op.equals("PUB") || op.equals("HPUB") || op.equals("RMSG")) {
                    pos += Math.max(0, sizeArgument(args)) + 2;
                }
            }
            return pings;
        }

        /** The payload size announced by a MSG, HMSG or (on a route) RMSG line, or -1 for any other line. */
        static int messagePayloadSize(String line) {
            String[] args = line.trim().split("\\s+");
            String op = args[0].toUpperCase(Locale.ROOT);
            return op.equals("MSG") || op.equals("HMSG") || op.equals("RMSG") ? sizeArgument(args) : -1;
        }

        private static int sizeArgument(String[] args) {
            try {
                return Integer.parseInt(args[args.length - 1]);
            } catch (NumberFormatException notASize) {
                return -1;
            }
        }
    }

    /**
     * Canonical INFO: keys sorted; values that legitimately differ between two servers (identity,
     * build, port, connection number, random nonce) replaced by a placeholder so that the key's
     * presence is still compared; keys that only appear with some builds or topologies removed.
     */
    private static final class InfoNormaliser {
        private static final String VARIES = "<varies>";
        private static final Set<String> VARYING_VALUES =
                Set.of("server_id", "server_name", "version", "port", "client_id", "nonce");
        /** Also "go": the reference's runtime version, which a server in another language has no reason to send. */
        private static final Set<String> SITUATIONAL_KEYS = Set.of("go", "git_commit", "ip", "connect_urls",
                "ws_connect_urls", "cluster", "cluster_dynamic", "domain", "ldm", "xkey");
        private static final ObjectMapper JSON =
                new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

        private InfoNormaliser() {
        }

        static boolean isInfo(String reply) {
            return reply.regionMatches(true, 0, "INFO ", 0, 5);
        }

        static String normalise(String infoLine) {
            String body = infoLine.substring(5).stripTrailing();
            String terminator = infoLine.substring(5 + body.length());
            try {
                ObjectNode info = (ObjectNode) JSON.readTree(body);
                info.remove(SITUATIONAL_KEYS);
                VARYING_VALUES.stream().filter(info::has).forEach(key -> info.put(key, VARIES));
                Object sorted = JSON.treeToValue(info, Object.class);
                return infoLine.substring(0, 5) + JSON.writeValueAsString(sorted) + terminator;
            } catch (JsonProcessingException | ClassCastException notJson) {
                return infoLine;
            }
        }
    }
}

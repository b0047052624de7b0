package io.jstan.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/** Sends each log event to a syslog server as one UDP datagram. */
final class SyslogAppender extends AppenderBase<ILoggingEvent> {
    private static final String TAG = "jstan";

    private final InetSocketAddress server;
    private final SyslogMessageFormat format;
    private final DatagramSocket socket;

    private SyslogAppender(InetSocketAddress server, SyslogMessageFormat format, DatagramSocket socket) {
        this.server = server;
        this.format = format;
        this.socket = socket;
    }

    /** @throws IOException when the server's host is unknown or no socket can be had */
    static SyslogAppender to(LogDestination.Syslog destination) throws IOException {
        InetSocketAddress server;
        try {
            server = new InetSocketAddress(InetAddress.getByName(destination.host()), destination.port());
        } catch (UnknownHostException e) {
            throw new IOException("unknown syslog host " + destination.host(), e);
        }
        SyslogMessageFormat format = new SyslogMessageFormat(destination.facility(), localHostname(), TAG,
                ProcessHandle.current().pid(), ZoneId.systemDefault());
        return new SyslogAppender(server, format, new DatagramSocket());
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] message = format.format(event).getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(new DatagramPacket(message, message.length, server));
        } catch (IOException e) {
            addError("cannot send to syslog at " + server, e);
        }
    }

    @Override
    public void stop() {
        super.stop();
        socket.close();
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}

package io.jstan.store.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for a server that must be told its port before it starts (a route or Raft address that other
 * servers dial, a database server). They are taken below the kernel's ephemeral range, so that no
 * socket bound to port 0 and no outgoing connection can take one between this answer and the bind;
 * a port handed out once is not handed out again by this JVM.
 */
public final class FreePorts {
    private static final int LOWEST = 10_000;
    private static final int ABOVE_HIGHEST = ephemeralRangeStart();
    private static final AtomicInteger NEXT_CANDIDATE =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(LOWEST, ABOVE_HIGHEST));

    private FreePorts() {
    }

    /** A port nothing listens on, on any address, now. */
    public static int next() {
        for (int tried = 0; tried < ABOVE_HIGHEST - LOWEST; tried++) {
            int candidate = NEXT_CANDIDATE.getAndUpdate(port -> port + 1 >= ABOVE_HIGHEST ? LOWEST : port + 1);
            if (isFree(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + ABOVE_HIGHEST);
    }

    public static int[] next(int count) {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            ports[i] = next();
        }
        return ports;
    }

    private static boolean isFree(int port) {
        try (ServerSocket anyAddress = new ServerSocket();
             ServerSocket loopback = new ServerSocket()) {
            anyAddress.bind(new InetSocketAddress(port), 1);
            anyAddress.close();
            loopback.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The first port of Linux's ephemeral range; 32768, its default, elsewhere. */
    private static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Math.max(LOWEST + 1_000, Integer.parseInt(range.split("\\s+")[0]));
        } catch (IOException | RuntimeException unreadable) {
            return 32_768;
        }
    }
}

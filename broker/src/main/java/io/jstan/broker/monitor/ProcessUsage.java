package io.jstan.broker.monitor;

import com.sun.management.UnixOperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The process's resident memory, CPU use and file descriptors, for /varz and /streaming/serverz. */
final class ProcessUsage {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    /** As nats-server, which samples once a second: the CPU figure covers at least this much time. */
    private static final long CPU_SAMPLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private long sampledCpuNanos;
    private long sampledAtNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(ManagementFactory.getRuntimeMXBean().getUptime());
    private double cpuPercent;

    /** Resident set size in bytes; the JVM's committed heap where /proc is not there to ask. */
    long residentBytes() {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or an unexpected format: fall through to the JVM's own figure.
        }
        return Runtime.getRuntime().totalMemory();
    }

    /**
     * Percent of one core used since the previous sample (or since the JVM started), to one decimal,
     * as nats-server reports it: 150.0 is one and a half cores busy.
     */
    synchronized double cpuPercent() {
        long now = System.nanoTime();
        long cpuNanos = processCpuNanos();
        if (cpuNanos >= 0 && now - sampledAtNanos >= CPU_SAMPLE_NANOS) {
            cpuPercent = Math.round((cpuNanos - sampledCpuNanos) * 1000.0 / (now - sampledAtNanos)) / 10.0;
            sampledCpuNanos = cpuNanos;
            sampledAtNanos = now;
        }
        return cpuPercent;
    }

    /** Open file descriptors; 0 where the JVM does not count them (not Unix). */
    long openFileDescriptors() {
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : 0;
    }

    /** The process's limit on open file descriptors; 0 where the JVM does not know it (not Unix). */
    long maxFileDescriptors() {
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : 0;
    }

    /** -1 when the JVM does not measure it. */
    private long processCpuNanos() {
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}

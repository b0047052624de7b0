package io.jstan.broker.streaming;

import io.jstan.broker.bus.Bus;
import io.jstan.broker.bus.BusSubscription;
import io.jstan.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A fault-tolerance group (--ft_group): servers sharing one store directory, of which one is
 * active and the others wait. The active one holds the store's exclusive lock and says so every
 * second on {@code _STAN.ft.<cluster id>.<group>}; a standby tries the lock whenever a heartbeat
 * is missed, and becomes active once it gets it (the lock is released by the OS when the active
 * process dies, however it dies).
 */
public final class FaultToleranceGroup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FaultToleranceGroup.class);
    private static final long HEARTBEAT_MILLIS = 1000;
    private static final long MISSED_HEARTBEAT_MILLIS = 1250;
    private static final long MAX_LOG_INTERVAL_MILLIS = 60_000;

    private final Bus bus;
    private final String subject;
    private final String memberId = UUID.randomUUID().toString();
    private final BlockingQueue<String> heartbeatsHeard = new LinkedBlockingQueue<>();
    private final BusSubscription heartbeatSubscription;
    private ScheduledExecutorService sender;

    private FaultToleranceGroup(Bus bus, String subject) {
        this.bus = bus;
        this.subject = subject;
        this.heartbeatSubscription = bus.subscribe(subject, null, (from, reply, data) -> heard(data));
    }

    /** Listens to the group's heartbeats; nothing else happens until {@link #awaitActive}. */
    public static FaultToleranceGroup join(Bus bus, String clusterId, String group) {
        return new FaultToleranceGroup(bus, "_STAN.ft." + clusterId + "." + group);
    }

    /**
     * Waits as a standby until this server holds the store's lock, then returns: the server is
     * active and must start, and {@link #announceActive()}.
     *
     * @throws StreamingStartException when the lock can never be taken
     */
    public void awaitActive(Store store) throws InterruptedException {
        LOG.info("Starting in standby mode");
        long missedFor = randomized(MISSED_HEARTBEAT_MILLIS);
        long nextLog = 0;
        long logInterval = 1000;
        while (true) {
            if (heartbeatsHeard.poll(missedFor, TimeUnit.MILLISECONDS) != null) {
                heartbeatsHeard.clear();
                continue;
            }
            if (tryLock(store)) {
                break;
            }
            long now = System.currentTimeMillis();
            if (now >= nextLog) {
                LOG.info("ft: unable to get store lock at this time, going back to standby");
                nextLog = now + logInterval;
                logInterval = Math.min(logInterval * 2, MAX_LOG_INTERVAL_MILLIS);
            }
        }
        LOG.info("Server is active");
    }

    /** Tells the standbys, every second, that the active server is alive. */
    public void announceActive() {
        sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "jstan-ft-heartbeats");
            thread.setDaemon(true);
            return thread;
        });
        byte[] heartbeat = memberId.getBytes(StandardCharsets.UTF_8);
        long interval = randomized(HEARTBEAT_MILLIS);
        sender.scheduleAtFixedRate(() -> {
            try {
                bus.publish(subject, null, heartbeat);
            } catch (RuntimeException e) {
                LOG.error("Unable to send FT heartbeat: {}", e.getMessage());
            }
        }, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        heartbeatSubscription.unsubscribe();
        if (sender != null) {
            sender.shutdownNow();
        }
    }

    private void heard(byte[] data) {
        String from = new String(data, StandardCharsets.UTF_8);
        if (from.equals(memberId)) {
            return;
        }
        if (sender != null) {
            LOG.error("ft: server {} claims to be active", from);
            return;
        }
        heartbeatsHeard.add(from);
    }

    private static boolean tryLock(Store store) {
        try {
            return store.tryExclusiveLock();
        } catch (RuntimeException e) {
            throw new StreamingStartException("ft: fatal error getting the store lock: " + e.getMessage(), e);
        }
    }

    /** Within 10% of {@code millis}, so that the members of a group do not act in step. */
    private static long randomized(long millis) {
        long tenPercent = millis / 10;
        return millis - tenPercent + ThreadLocalRandom.current().nextLong(2 * tenPercent + 1);
    }
}

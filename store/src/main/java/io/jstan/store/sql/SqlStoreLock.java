package io.jstan.store.sql;

import io.jstan.store.StoreException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault-tolerance lock of nats-streaming-server's SQL store: the one row of the StoreLock table
 * names its holder (id) and carries a tick that the holder increments at every update interval. A
 * server takes the lock when the row is missing or names nobody, or from a holder whose tick stood
 * still (it stopped). Closing clears the row, so that a standby, or a restarted server, takes over
 * at once. The lock has a connection of its own, committing at once.
 *
 * <p>While the database cannot be reached, the holder keeps trying every interval, on a new
 * connection: it cannot write meanwhile, and another server cannot take the lock before the
 * database is back and the tick stood still for three watches, while the holder updates it again
 * within one interval. The lock is lost only when another server holds it.
 */
final class SqlStoreLock {
    private static final Logger LOG = LoggerFactory.getLogger(SqlStoreLock.class);
    private static final int WATCHES = 3;

    private final SqlStoreOptions options;
    private final String id = randomId();
    private final Runnable onLost;
    private Connection connection;
    private ScheduledExecutorService ticker;
    private boolean held;
    private int failedUpdates;

    SqlStoreLock(SqlStoreOptions options, Runnable onLost) {
        this.options = options;
        this.onLost = onLost;
    }

    /**
     * Takes the lock when it is free; when another server holds it, watches its tick as
     * nats-streaming-server does (three times, one and a half intervals apart): a tick that moves
     * means the holder runs (false), one that stands still means it stopped, and the lock is taken.
     */
    synchronized boolean tryLock() {
        if (held) {
            return true;
        }
        try {
            try (Statement create = connected().createStatement()) {
                create.execute(options.dialect().createStoreLock());
            }
            Row seen = acquire(false);
            for (int watch = 0; !seen.taken() && watch < WATCHES; watch++) {
                pause(options.lockUpdateInterval().multipliedBy(3).dividedBy(2));
                Row again = acquire(false);
                if (!again.taken() && !again.sameHolderAndTick(seen)) {
                    return false;
                }
                seen = again;
            }
            if (!seen.taken()) {
                acquire(true);
                LOG.warn("Took over the store lock from {}, whose tick stood still", seen.holder());
            }
        } catch (SQLException e) {
            throw SqlDatabase.failure("sql: cannot take the store lock", e);
        }
        held = true;
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sql-store-lock");
            thread.setDaemon(true);
            return thread;
        });
        long interval = options.lockUpdateInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::update, interval, interval, TimeUnit.MILLISECONDS);
        return true;
    }

    /** The lock's row as read, and whether this store took (or kept) it. */
    private record Row(boolean taken, String holder, long tick) {
        boolean sameHolderAndTick(Row other) {
            return holder.equals(other.holder) && tick == other.tick;
        }
    }

    /**
     * Takes the lock, incrementing the tick, when nobody holds it or this store does, or
     * ({@code steal}) whoever holds it.
     */
    private Row acquire(boolean steal) throws SQLException {
        Connection connection = connected();
        connection.setAutoCommit(false);
        boolean done = false;
        try {
            String holder = "";
            long tick = 0;
            boolean exists;
            try (PreparedStatement select = connection.prepareStatement("SELECT id, tick FROM StoreLock FOR UPDATE");
                    ResultSet row = select.executeQuery()) {
                exists = row.next();
                if (exists) {
                    holder = row.getString(1) == null ? "" : row.getString(1);
                    tick = row.getLong(2);
                }
            }
            if (!steal && !holder.isEmpty() && !holder.equals(id)) {
                return new Row(false, holder, tick);
            }
            String sql = exists ? "UPDATE StoreLock SET id=?, tick=?" : "INSERT INTO StoreLock (id, tick) VALUES (?, ?)";
            try (PreparedStatement write = connection.prepareStatement(sql)) {
                write.setString(1, id);
                write.setLong(2, steal ? 1 : tick + 1);
                write.executeUpdate();
            }
            done = true;
            return new Row(true, holder, tick);
        } finally {
            if (done) {
                connection.commit();
            } else {
                connection.rollback();
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while watching the store lock", e);
        }
    }

    private void update() {
        String lost = checkedUpdate();
        if (lost != null) {
            giveUp(lost);
        }
    }

    private void giveUp(String why) {
        LOG.error("Unable to keep the store lock: {}", why);
        onLost.run();
    }

    /** Updates the tick; returns why the lock is lost, or null. */
    private synchronized String checkedUpdate() {
        if (!held) {
            return null;
        }
        try {
            Row row = acquire(false);
            if (row.taken()) {
                failedUpdates = 0;
                return null;
            }
            return stopTicking("server " + row.holder() + " took it");
        } catch (SQLException e) {
            updateFailed(SqlDatabase.reason(e));
        } catch (StoreException e) {
            updateFailed(e.getMessage());
        }
        return null;
    }

    private void updateFailed(String why) {
        failedUpdates++;
        LOG.error("Unable to update store lock (failed={} err={})", failedUpdates, why);
        disconnect();
    }

    /**
     * Before the store is read again after the database failed: returns when this store still holds
     * the lock (or never took it); gives it up when another server took it meanwhile.
     *
     * @throws StoreException {@link StoreException.Kind#FAILED} when the lock was lost, or the
     *     database cannot be reached
     */
    void confirmHeld() {
        String lost;
        synchronized (this) {
            if (!held) {
                return;
            }
            try {
                Row row = acquire(false);
                if (row.taken()) {
                    failedUpdates = 0;
                    return;
                }
                lost = stopTicking("server " + row.holder() + " took it");
            } catch (SQLException e) {
                disconnect();
                throw SqlDatabase.failure("sql: cannot confirm the store lock", e);
            }
        }
        giveUp(lost);
        throw new StoreException(StoreException.Kind.FAILED, "sql: lost store lock: " + lost, null);
    }

    /** @throws StoreException when the database cannot be reached */
    private Connection connected() {
        if (connection == null) {
            connection = SqlDatabase.open(options);
        }
        return connection;
    }

    private void disconnect() {
        if (connection != null) {
            SqlDatabase.closeQuietly(connection);
            connection = null;
        }
    }

    private String stopTicking(String why) {
        held = false;
        ticker.shutdown();
        return why;
    }

    /** Clears the row when held, so that a standby takes over at once, and closes the connection. */
    synchronized void release() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        if (connection == null) {
            return;
        }
        try {
            if (held) {
                connection.setAutoCommit(true);
                try (PreparedStatement clear = connection.prepareStatement("UPDATE StoreLock SET id='', tick=0 WHERE id=?")) {
                    clear.setString(1, id);
                    clear.executeUpdate();
                }
            }
        } catch (SQLException e) {
            LOG.warn("Unable to release the store lock: {}", e.getMessage());
        } finally {
            held = false;
            SqlDatabase.closeQuietly(connection);
            connection = null;
        }
    }

    /** A holder ID that fits StoreLock.id's 30 characters, as nats-streaming-server's NUIDs (22) do. */
    private static String randomId() {
        byte[] bytes = new byte[11];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

package io.jstan.broker.bus;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/** Logs, one line each, what jnats reports about a {@link JnatsBus}'s connection: its state changes and its errors. */
final class ConnectionLogger implements ConnectionListener, ErrorListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLogger.class);

    /** jnats reports a disconnect again after each failed reconnect attempt; only the first is news. */
    private final AtomicBoolean connected = new AtomicBoolean();

    @Override
    public void connectionEvent(Connection connection, Events event, Long time, String server) {
        switch (event) {
            case CONNECTED -> {
                connected.set(true);
                LOG.info("Connected to NATS Server at {}", server);
            }
            case DISCONNECTED -> {
                if (connected.getAndSet(false)) {
                    LOG.warn("Disconnected from NATS Server at {}", server);
                } else {
                    LOG.debug("Could not reconnect to NATS Server at {}", server);
                }
            }
            case RECONNECTED -> {
                connected.set(true);
                LOG.info("Reconnected to NATS Server at {}", server);
            }
            case RESUBSCRIBED -> LOG.info("Subscriptions restored on NATS Server at {}", server);
            case LAME_DUCK -> LOG.warn("NATS Server at {} entered lame duck mode", server);
            case DISCOVERED_SERVERS -> LOG.info("Discovered NATS Servers {}", server);
            case CLOSED -> LOG.info("Connection to NATS Server closed");
        }
    }

    /** Only for jnats versions that still call the old form: 2.26 calls the one above. */
    @Override
    @Deprecated
    public void connectionEvent(Connection connection, Events event) {
        connectionEvent(connection, event, null, connection.getConnectedUrl());
    }

    @Override
    public void errorOccurred(Connection connection, String error) {
        LOG.warn("NATS Server reported an error: {}", error);
    }

    @Override
    public void exceptionOccurred(Connection connection, Exception exception) {
        // While reconnecting, every failed attempt lands here; the disconnect itself was logged once.
        if (connection.getStatus() == Connection.Status.CONNECTED) {
            LOG.warn("Error on the connection to NATS Server: {}", exception.toString());
        } else {
            LOG.debug("Error on the connection to NATS Server: {}", exception.toString());
        }
    }

    @Override
    public void slowConsumerDetected(Connection connection, Consumer consumer) {
        LOG.warn("Slow consumer on the connection to NATS Server: {} messages pending, {} dropped",
                consumer.getPendingMessageCount(), consumer.getDroppedCount());
    }

    @Override
    public void messageDiscarded(Connection connection, Message message) {
        LOG.warn("Message to {} discarded: the outgoing queue of the connection to NATS Server is full", message.getSubject());
    }
}

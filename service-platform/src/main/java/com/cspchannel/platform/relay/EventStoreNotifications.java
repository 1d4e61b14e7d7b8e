package com.cspchannel.platform.relay;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the relay at once that events were committed to this service's event store, by any replica: it
 * listens on the channel that the trigger of {@code R__event_store_notifications.sql} notifies on every commit
 * that appended events. Without it the relay would only find new events when it polls.
 * <p>
 * It holds one connection of its own (not one of the pool's) and reconnects with back-off when that connection
 * fails, for example while PostgreSQL restarts. Every (re)connection signals once, because commits made while
 * nobody listened were not announced; a signal too many costs one query, a signal too few would cost latency
 * (never an event: the relay also polls).
 */
public class EventStoreNotifications implements SmartLifecycle {

    static final String CHANNEL = "csp_event_store";
    private static final Logger log = LoggerFactory.getLogger(EventStoreNotifications.class);

    /** Opens a connection to the service's database. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    private final Connector connector;
    private final Duration maxBackoff;
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    public EventStoreNotifications(Connector connector, Duration maxBackoff) {
        this.connector = connector;
        this.maxBackoff = maxBackoff;
    }

    /** Runs {@code listener} (on the listening thread, so it must be quick) whenever events were committed. */
    public AutoCloseable subscribe(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::listen, "event-store-notifications");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        closeQuietly(connection);
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the relay's processor starts (Axon's lifecycle runs inside the default phase) and after it stops. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private void listen() {
        long backoffMillis = 100;
        boolean warned = false;
        while (running) {
            try (Connection listening = connector.connect()) {
                connection = listening;
                listening.setAutoCommit(true);
                try (Statement statement = listening.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                PGConnection pg = listening.unwrap(PGConnection.class);
                if (warned) {
                    log.info("listening for event store commits again");
                    warned = false;
                }
                backoffMillis = 100;
                signal();
                while (running) {
                    var notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        signal();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!warned) {
                    log.warn("not listening for event store commits ({}); the relay polls until the database is back",
                            e.toString());
                    warned = true;
                }
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, maxBackoff.toMillis());
            } finally {
                connection = null;
            }
        }
    }

    private void signal() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("event store listener failed: {}", e.toString());
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                // closing only to unblock the listening thread
            }
        }
    }
}

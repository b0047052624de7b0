package io.jstan.broker.monitor;

import java.util.Locale;

/** /connz's state parameter: the open connections (the default), the closed ones kept, or both. */
enum ConnectionState {
    OPEN, CLOSED, ALL;

    static ConnectionState of(String parameter) {
        return switch (parameter.toLowerCase(Locale.ROOT)) {
            case "", "open" -> OPEN;
            case "closed" -> CLOSED;
            case "any", "all" -> ALL;
            default -> throw new BadQueryException("Error decoding state for " + parameter);
        };
    }

    boolean includesOpen() {
        return this != CLOSED;
    }

    boolean includesClosed() {
        return this != OPEN;
    }
}

package io.jstan.broker.monitor;

/** One monitoring path that answers with a JSON document. */
interface Endpoint {
    /** The path under which requests are counted in /varz's http_req_stats (aliases count as the main path). */
    String path();

    /**
     * The document to send, built from a snapshot of the server; throws {@link BadQueryException} on a bad
     * query value and {@link NotFoundException} when what the query names is not there.
     */
    Object respond(QueryParameters query);

    /** Whether the JSON is indented, as nats-server does for every endpoint but /healthz. */
    default boolean indented() {
        return true;
    }
}

package io.jstan.broker.monitor;

/**
 * /healthz: {"status":"ok"}. nats-server answers 503 with an error before it accepts clients, or when
 * JetStream is unwell; this monitor starts once the client port is bound and stops with the server,
 * and jstan has no JetStream, so there is no failing state to report. The js-* parameters are ignored.
 */
final class HealthzEndpoint implements Endpoint {
    private static final HealthStatus OK = new HealthStatus("ok");

    @Override
    public String path() {
        return "/healthz";
    }

    @Override
    public HealthStatus respond(QueryParameters query) {
        return OK;
    }

    @Override
    public boolean indented() {
        return false;
    }
}

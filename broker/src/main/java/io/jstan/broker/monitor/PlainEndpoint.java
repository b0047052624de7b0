package io.jstan.broker.monitor;

/** One monitoring path whose answer is not a JSON document: a page, metrics text, or a status alone. */
interface PlainEndpoint {
    /** The path under which requests are counted in /varz's http_req_stats. */
    String path();

    /** The reply to send; throws {@link NotFoundException} when what it reports on is not there. */
    HttpReply respond(QueryParameters query);
}

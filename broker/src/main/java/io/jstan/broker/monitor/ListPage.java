package io.jstan.broker.monitor;

import java.util.List;

/** The page of a /streaming list a request asks for, read as nats-streaming-server reads offset and limit. */
record ListPage(int offset, int limit) {
    private static final int DEFAULT_LIMIT = 1024;

    /** A negative offset is 0; a limit of 0 or less (or none) is 1024. */
    static ListPage requested(QueryParameters query) {
        int limit = query.integerOrZero("limit");
        return new ListPage(Math.max(0, query.integerOrZero("offset")), limit > 0 ? limit : DEFAULT_LIMIT);
    }

    /** The items of this page, in the order given; empty past the end. */
    <T> List<T> of(List<T> all) {
        return all.stream().skip(offset).limit(limit).toList();
    }
}

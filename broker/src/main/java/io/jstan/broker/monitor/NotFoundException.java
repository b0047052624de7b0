package io.jstan.broker.monitor;

/** What a request names is not there; answered with 404 and this message, as Go's http.Error writes it. */
final class NotFoundException extends RuntimeException {
    NotFoundException(String message) {
        super(message, null, false, false);
    }

    /** Go's ServeMux's answer for a path it has no handler for. */
    static NotFoundException noSuchPath() {
        return new NotFoundException("404 page not found");
    }
}

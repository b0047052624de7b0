package io.jstan.broker.streaming;

/** Client IDs are alphanumeric, {@code -} and {@code _} only: they become part of subjects and keys. */
final class ClientIds {
    private ClientIds() {
    }

    static boolean isValid(String id) {
        if (id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}

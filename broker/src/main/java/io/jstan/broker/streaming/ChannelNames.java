package io.jstan.broker.streaming;

/**
 * nats-streaming-server's rule for channel names: a literal subject, tokens split by dots, none
 * empty, and no {@code /} (a FILE store keeps a channel in a directory of its name).
 */
final class ChannelNames {
    private ChannelNames() {
    }

    static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.charAt(0) == '.' || name.charAt(name.length() - 1) == '.') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean emptyToken = c == '.' && name.charAt(i - 1) == '.';
            if (emptyToken || c == '*' || c == '>' || c == '/' || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }
}

package io.jstan.store;

/** Channel names in limits: tokens separated by '.', where '*' stands for one token and a last '>' for the rest. */
final class ChannelNamePattern {

    private ChannelNamePattern() {
    }

    static boolean isValid(String pattern) {
        if (pattern.isEmpty()) {
            return false;
        }
        String[] tokens = pattern.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.isEmpty() || token.indexOf('/') >= 0) {
                return false;
            }
            boolean wildcard = token.indexOf('*') >= 0 || token.indexOf('>') >= 0;
            if (wildcard && !(token.equals("*") || (token.equals(">") && i == tokens.length - 1))) {
                return false;
            }
        }
        return true;
    }

    static boolean isLiteral(String pattern) {
        return pattern.indexOf('*') < 0 && pattern.indexOf('>') < 0;
    }
}

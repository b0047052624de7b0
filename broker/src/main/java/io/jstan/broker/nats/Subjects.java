package io.jstan.broker.nats;

/** Subject syntax: tokens separated by '.', where '*' matches one token and '>' the rest. */
public final class Subjects {
    private Subjects() {
    }

    /** A subject a subscription may use: no empty token, wildcards only as whole tokens, '>' only last. */
    public static boolean isValidSubscribeSubject(String subject) {
        return isValid(subject, true);
    }

    /** A subject a message may be published to: like a subscription's, without wildcards. */
    public static boolean isValidLiteralSubject(String subject) {
        return isValid(subject, false);
    }

    private static boolean isValid(String subject, boolean wildcardsAllowed) {
        int length = subject.length();
        if (length == 0) {
            return false;
        }
        int tokenStart = 0;
        for (int i = 0; i <= length; i++) {
            if (i < length) {
                char c = subject.charAt(i);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    return false;
                }
                if (c != '.') {
                    continue;
                }
            }
            int tokenLength = i - tokenStart;
            if (tokenLength == 0) {
                return false;
            }
            if (tokenLength == 1) {
                char c = subject.charAt(tokenStart);
                if (c == '*' || c == '>') {
                    if (!wildcardsAllowed || (c == '>' && i != length)) {
                        return false;
                    }
                }
            }
            tokenStart = i + 1;
        }
        return true;
    }

    /** Whether a literal subject is matched by a subscription subject that may hold wildcards. */
    public static boolean matches(String pattern, String literal) {
        int p = 0;
        int l = 0;
        int pLength = pattern.length();
        int lLength = literal.length();
        while (p < pLength && l < lLength) {
            int pEnd = tokenEnd(pattern, p);
            int lEnd = tokenEnd(literal, l);
            boolean singleChar = pEnd - p == 1;
            if (singleChar && pattern.charAt(p) == '>') {
                return true;
            }
            if (!(singleChar && pattern.charAt(p) == '*')
                    && !pattern.regionMatches(p, literal, l, Math.max(pEnd - p, lEnd - l))) {
                return false;
            }
            p = pEnd + 1;
            l = lEnd + 1;
        }
        return p >= pLength && l >= lLength;
    }

    private static int tokenEnd(String subject, int from) {
        int dot = subject.indexOf('.', from);
        return dot < 0 ? subject.length() : dot;
    }
}

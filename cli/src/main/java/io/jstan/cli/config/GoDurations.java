package io.jstan.cli.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

/**
 * Durations in the syntax of Go's {@code time.ParseDuration}, which nats-server uses:
 * an optional sign and a sequence of decimal numbers, each with an optional fraction and
 * a unit ({@code ns}, {@code us}, {@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}),
 * such as {@code 300ms}, {@code -1.5h} or {@code 2h45m}. A lone {@code 0} needs no unit.
 */
final class GoDurations {
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDurations() {
    }

    /**
     * The duration {@code text} stands for.
     *
     * @throws IllegalArgumentException saying why {@code text} is not a duration
     */
    static Duration parse(String text) {
        int i = 0;
        boolean negative = false;
        if (!text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            i++;
        }
        if (text.substring(i).equals("0")) {
            return Duration.ZERO;
        }
        if (i == text.length()) {
            throw invalid(text, "it is empty");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        while (i < text.length()) {
            int numberStart = i;
            while (i < text.length() && (Chars.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            BigDecimal number = number(text, text.substring(numberStart, i));
            int unitStart = i;
            while (i < text.length() && !Chars.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
                i++;
            }
            String unit = text.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw invalid(text, "a number has no unit");
            }
            Long unitNanos = NANOS_PER_UNIT.get(unit);
            if (unitNanos == null) {
                throw invalid(text, "unknown unit '" + unit + "' (known: ns, us, ms, s, m, h)");
            }
            nanos = nanos.add(number.multiply(BigDecimal.valueOf(unitNanos)));
        }
        BigInteger whole = nanos.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        if (whole.compareTo(MAX_NANOS) > 0) {
            throw invalid(text, "it is out of range");
        }
        return Duration.ofNanos(negative ? -whole.longValue() : whole.longValue());
    }

    private static BigDecimal number(String text, String digits) {
        int dot = digits.indexOf('.');
        boolean wellFormed = !digits.isEmpty() && !digits.equals(".")
                && (dot < 0 || digits.indexOf('.', dot + 1) < 0);
        if (!wellFormed) {
            throw invalid(text, "expected a number before each unit");
        }
        return new BigDecimal(digits);
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a duration such as \"2m\", \"1h30m\" or \"500ms\": " + why);
    }
}

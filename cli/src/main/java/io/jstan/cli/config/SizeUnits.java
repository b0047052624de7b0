package io.jstan.cli.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes written as an integer with an optional unit, with nats-server's multipliers:
 * a bare letter is decimal ({@code 1k} = 1000, {@code 1m} = 1000²) and the letter followed
 * by {@code b}, {@code i} or {@code ib} is binary ({@code 1kb} = {@code 1KiB} = 1024).
 * Letters are k, m, g, t, p, e, in any case.
 */
final class SizeUnits {
    private static final Pattern SIZE = Pattern.compile("(-?[0-9]+)([A-Za-z]*)");
    private static final Map<String, Long> MULTIPLIERS = multipliers();

    private SizeUnits() {
    }

    /**
     * The size {@code text} stands for.
     *
     * @throws IllegalArgumentException saying why {@code text} is not a size
     */
    static long parse(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size");
        }
        Long multiplier = MULTIPLIERS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (multiplier == null) {
            throw new IllegalArgumentException("unknown size unit '" + m.group(2) + "' in '" + text
                    + "' (known: k, m, g, t, p, e for powers of 1000; kb, ki, kib, mb, ... for powers of 1024)");
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("size '" + text + "' is out of range");
        }
    }

    private static Map<String, Long> multipliers() {
        Map<String, Long> table = new HashMap<>();
        table.put("", 1L);
        long decimal = 1;
        long binary = 1;
        for (char letter : "kmgtpe".toCharArray()) {
            decimal *= 1000;
            binary *= 1024;
            table.put(String.valueOf(letter), decimal);
            for (String binarySuffix : new String[] {"b", "i", "ib"}) {
                table.put(letter + binarySuffix, binary);
            }
        }
        return Map.copyOf(table);
    }
}

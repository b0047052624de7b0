package io.jstan.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers for tests of parsed configurations. */
final class ConfigMaps {
    private ConfigMaps() {
    }

    /** An ordered map of alternating keys and values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Asserts equal keys, values and value types, and the same key order at every level. */
    static void assertSameConfig(Map<String, Object> expected, Map<String, Object> actual) {
        assertEquals(expected, actual);
        assertEquals(expected.toString(), actual.toString(), "key order");
    }

    /** A test resource under config/. */
    static Path resource(String name) {
        try {
            return Path.of(ConfigMaps.class.getResource("/config/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.jstan.cli.options;

import io.jstan.cli.config.ConfigValues;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A list of strings that a flag takes comma-separated ({@code --routes}, {@code --cluster_peers}),
 * and a configuration file as an array (or as one string, comma-separated too).
 */
public record CommaSeparated(List<String> values) {

    static CommaSeparated parse(String text) {
        return new CommaSeparated(Arrays.stream(text.split(",")).map(String::trim).filter(value -> !value.isEmpty()).toList());
    }

    static CommaSeparated fromConfig(String key, Object value) {
        if (value instanceof List<?> list) {
            List<String> values = new ArrayList<>();
            for (Object element : list) {
                values.add(ConfigValues.toStringValue(key, element).trim());
            }
            return new CommaSeparated(values);
        }
        return parse(ConfigValues.toStringValue(key, value));
    }

    @Override
    public String toString() {
        return String.join(",", values);
    }
}

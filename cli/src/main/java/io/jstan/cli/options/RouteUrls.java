package io.jstan.cli.options;

import io.jstan.cli.config.ConfigValues;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The routes to solicit: {@code --routes} takes them comma-separated, {@code cluster { routes }}
 * as an array (or one string, comma-separated too).
 */
public record RouteUrls(List<String> urls) {

    static RouteUrls parse(String text) {
        return new RouteUrls(Arrays.stream(text.split(",")).map(String::trim).filter(url -> !url.isEmpty()).toList());
    }

    static RouteUrls fromConfig(String key, Object value) {
        if (value instanceof List<?> list) {
            List<String> urls = new ArrayList<>();
            for (Object element : list) {
                urls.add(ConfigValues.toStringValue(key, element).trim());
            }
            return new RouteUrls(urls);
        }
        return parse(ConfigValues.toStringValue(key, value));
    }

    @Override
    public String toString() {
        return String.join(",", urls);
    }
}

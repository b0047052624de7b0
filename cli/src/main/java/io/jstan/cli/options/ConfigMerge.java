package io.jstan.cli.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies a parsed configuration file to the objects holding the command's settings, through
 * their {@link ConfigKey} fields and methods. Keys are matched ignoring case. A key that jstan
 * cannot honour yet is refused; a key nobody declares is reported as a warning (nats-server
 * fails on those only in its strict mode).
 */
public final class ConfigMerge {
    private static final String STREAMING_BLOCK = "streaming";

    private final Path file;
    private final Map<String, List<ConfigTarget>> natsKeys = new HashMap<>();
    private final Map<String, List<ConfigTarget>> streamingKeys = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private ConfigMerge(Path file, List<?> holders) {
        this.file = file;
        for (Object holder : holders) {
            for (ConfigTarget target : ConfigTarget.declaredBy(holder)) {
                Map<String, List<ConfigTarget>> scope = target.key().scope() == ConfigScope.NATS ? natsKeys : streamingKeys;
                for (String key : target.key().value()) {
                    scope.computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(target);
                }
            }
        }
    }

    /**
     * Stores the values of {@code config}, parsed from {@code file}, into the {@link ConfigKey}
     * members of {@code holders}.
     *
     * @return warnings about keys that were ignored, to be logged
     * @throws UsageException for a value of the wrong type or form, or a key jstan cannot honour
     */
    public static List<String> apply(Map<String, Object> config, Path file, List<?> holders) throws UsageException {
        ConfigMerge merge = new ConfigMerge(file, holders);
        merge.applyFile(config);
        return List.copyOf(merge.warnings);
    }

    private void applyFile(Map<String, Object> config) throws UsageException {
        Map<String, Object> streamingBlock = streamingBlock(config);
        if (streamingBlock == null) {
            Map<String, List<ConfigTarget>> topLevelKeys = new HashMap<>(natsKeys);
            streamingKeys.forEach((key, targets) -> topLevelKeys.merge(key, targets, ConfigMerge::concat));
            applyMap(config, "", "", topLevelKeys, true);
        } else {
            applyMap(config, "", "", natsKeys, true);
            applyMap(streamingBlock, STREAMING_BLOCK + ".", "", streamingKeys, false);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> streamingBlock(Map<String, Object> config) throws UsageException {
        for (Map.Entry<String, Object> entry : config.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(STREAMING_BLOCK)) {
                if (entry.getValue() instanceof Map<?, ?> block) {
                    return (Map<String, Object>) block;
                }
                throw new UsageException(file + ": '" + entry.getKey() + "' must be a map");
            }
        }
        return null;
    }

    /**
     * @param shown  the prefix of keys as the user wrote them, for messages
     * @param lookup the prefix of keys as declared: lower case, relative to the scope
     */
    @SuppressWarnings("unchecked")
    private void applyMap(Map<String, Object> map, String shown, String lookup, Map<String, List<ConfigTarget>> keys,
            boolean natsScope) throws UsageException {
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            String key = shown + entry.getKey();
            String path = lookup + entry.getKey().toLowerCase(Locale.ROOT);
            if (natsScope && path.equals(STREAMING_BLOCK)) {
                continue;
            }
            Object value = entry.getValue();
            List<ConfigTarget> targets = keys.get(path);
            if (targets != null) {
                for (ConfigTarget target : targets) {
                    assign(target, key, value);
                }
            } else if (hasKeysBelow(keys, path)) {
                if (!(value instanceof Map<?, ?> nested)) {
                    throw new UsageException(file + ": '" + key + "' must be a map");
                }
                applyMap((Map<String, Object>) nested, key + ".", path + ".", keys, natsScope);
            } else if (natsScope && UnsupportedConfigKeys.contains(path)) {
                throw new UsageException(file + ": '" + key + "' is not supported by jstan yet");
            } else {
                warnings.add(file + ": unknown config key '" + key + "', ignored");
            }
        }
    }

    private void assign(ConfigTarget target, String key, Object value) throws UsageException {
        try {
            target.assign(key, value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }

    private static boolean hasKeysBelow(Map<String, List<ConfigTarget>> keys, String path) {
        String prefix = path + ".";
        return keys.keySet().stream().anyMatch(key -> key.startsWith(prefix));
    }

    private static List<ConfigTarget> concat(List<ConfigTarget> a, List<ConfigTarget> b) {
        List<ConfigTarget> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }
}

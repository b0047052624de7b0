package io.jstan.cli.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies a parsed configuration file to the objects holding the command's settings, through
 * their {@link ConfigKey} fields and methods. Keys are matched ignoring case. A key that jstan
 * cannot honour yet is refused; a key nobody declares is reported as a warning (nats-server
 * fails on those only in its strict mode).
 */
public final class ConfigMerge {
    private static final String STREAMING_BLOCK = "streaming";

    private final Path file;
    private final Set<ConfigScope> scopes;
    private final Map<ConfigScope, Map<String, List<ConfigTarget>>> keys = new EnumMap<>(ConfigScope.class);
    private final List<String> warnings = new ArrayList<>();

    private ConfigMerge(Path file, Set<ConfigScope> scopes, List<?> holders) {
        this.file = file;
        this.scopes = scopes;
        for (ConfigScope scope : ConfigScope.values()) {
            keys.put(scope, new HashMap<>());
        }
        for (Object holder : holders) {
            for (ConfigTarget target : ConfigTarget.declaredBy(holder)) {
                for (String key : target.key().value()) {
                    keys.get(target.key().scope()).computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(target);
                }
            }
        }
    }

    /**
     * Stores the values of {@code config}, parsed from {@code file}, into the {@link ConfigKey}
     * members of {@code holders} whose scope is one of {@code scopes}. The keys of the other
     * scope are known but left alone: nats-streaming-server reads them from the other file when
     * both {@code -c} and {@code -sc} are given.
     *
     * @return warnings about keys that were ignored, to be logged
     * @throws UsageException for a value of the wrong type or form, or a key jstan cannot honour
     */
    public static List<String> apply(Map<String, Object> config, Path file, List<?> holders, Set<ConfigScope> scopes)
            throws UsageException {
        ConfigMerge merge = new ConfigMerge(file, scopes, holders);
        merge.applyFile(config);
        return List.copyOf(merge.warnings);
    }

    private void applyFile(Map<String, Object> config) throws UsageException {
        Map<String, Object> streamingBlock = streamingBlock(config);
        if (streamingBlock == null) {
            applyMap(config, "", "", EnumSet.allOf(ConfigScope.class));
        } else {
            applyMap(config, "", "", EnumSet.of(ConfigScope.NATS));
            applyMap(streamingBlock, STREAMING_BLOCK + ".", "", EnumSet.of(ConfigScope.STREAMING));
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
     * @param shown     the prefix of keys as the user wrote them, for messages
     * @param lookup    the prefix of keys as declared: lower case, relative to the scope
     * @param mapScopes the scopes whose keys this map holds
     */
    @SuppressWarnings("unchecked")
    private void applyMap(Map<String, Object> map, String shown, String lookup, Set<ConfigScope> mapScopes)
            throws UsageException {
        Set<ConfigScope> applied = EnumSet.noneOf(ConfigScope.class);
        applied.addAll(mapScopes);
        applied.retainAll(scopes);
        if (applied.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            String key = shown + entry.getKey();
            String path = lookup + entry.getKey().toLowerCase(Locale.ROOT);
            if (mapScopes.contains(ConfigScope.NATS) && path.equals(STREAMING_BLOCK)) {
                continue;
            }
            Object value = entry.getValue();
            List<ConfigTarget> targets = targets(mapScopes, path);
            if (!targets.isEmpty()) {
                for (ConfigTarget target : targets) {
                    if (scopes.contains(target.key().scope())) {
                        assign(target, key, value);
                    }
                }
            } else if (hasKeysBelow(mapScopes, path)) {
                if (!(value instanceof Map<?, ?> nested)) {
                    throw new UsageException(file + ": '" + key + "' must be a map");
                }
                applyMap((Map<String, Object>) nested, key + ".", path + ".", mapScopes);
            } else if (applied.stream().anyMatch(scope -> UnsupportedConfigKeys.contains(scope, path))) {
                throw new UsageException(file + ": '" + key + "' is not supported by jstan yet");
            } else {
                warnUnknown(key);
            }
        }
    }

    private void assign(ConfigTarget target, String key, Object value) throws UsageException {
        try {
            target.assign(key, value).forEach(this::warnUnknown);
            if (target.holder() instanceof ConfiguredByFile holder) {
                holder.configuredByFile();
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }

    private void warnUnknown(String key) {
        warnings.add(file + ": unknown config key '" + key + "', ignored");
    }

    private List<ConfigTarget> targets(Set<ConfigScope> mapScopes, String path) {
        List<ConfigTarget> targets = new ArrayList<>();
        for (ConfigScope scope : mapScopes) {
            targets.addAll(keys.get(scope).getOrDefault(path, List.of()));
        }
        return targets;
    }

    private boolean hasKeysBelow(Set<ConfigScope> mapScopes, String path) {
        String prefix = path + ".";
        return mapScopes.stream().anyMatch(scope -> keys.get(scope).keySet().stream().anyMatch(key -> key.startsWith(prefix)));
    }
}

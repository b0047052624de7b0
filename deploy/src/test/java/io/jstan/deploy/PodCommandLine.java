package io.jstan.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments the StatefulSet's container gets in pod {@code <name>-<ordinal>}, as Kubernetes
 * makes them: {@code $(VAR)} replaced by the container's environment (its values, and the pod's
 * name from the downward API), and the ConfigMap volumes' paths moved to a local copy of their
 * files.
 */
final class PodCommandLine {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private PodCommandLine() {
    }

    static String podName(StatefulSet set, int ordinal) {
        return set.getMetadata().getName() + "-" + ordinal;
    }

    /** The arguments of pod {@code ordinal}, with every ConfigMap volume's files written under {@code configCopies}. */
    static List<String> arguments(StatefulSet set, int ordinal, Manifests manifests, Path configCopies) throws IOException {
        PodSpec pod = set.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        Map<String, String> environment = environment(container, podName(set, ordinal));
        Map<String, Path> mounts = configMapMounts(pod, container, manifests, configCopies);
        return container.getArgs().stream().map(arg -> expand(arg, environment)).map(arg -> relocate(arg, mounts)).toList();
    }

    private static Map<String, String> environment(Container container, String podName) {
        Map<String, String> environment = new HashMap<>();
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValueFrom() == null) {
                environment.put(variable.getName(), variable.getValue());
            } else if (variable.getValueFrom().getFieldRef() != null
                    && variable.getValueFrom().getFieldRef().getFieldPath().equals("metadata.name")) {
                environment.put(variable.getName(), podName);
            } else {
                throw new IllegalArgumentException("the environment variable " + variable.getName() + " comes from "
                        + variable.getValueFrom() + ", which these tests do not make");
            }
        }
        return environment;
    }

    /** Kubernetes' expansion: a reference to a variable not defined stays as it is. */
    private static String expand(String arg, Map<String, String> environment) {
        Matcher matcher = VARIABLE.matcher(arg);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String value = environment.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(expanded).toString();
    }

    /** Each ConfigMap volume's mount path, and the local directory its files were written to. */
    private static Map<String, Path> configMapMounts(PodSpec pod, Container container, Manifests manifests, Path copies)
            throws IOException {
        Map<String, Path> mounts = new HashMap<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElse(null);
            if (volume == null || volume.getConfigMap() == null) {
                continue;
            }
            ConfigMap configMap = manifests.get(ConfigMap.class, volume.getConfigMap().getName());
            Path directory = Files.createDirectories(copies.resolve(volume.getName()));
            for (Map.Entry<String, String> file : configMap.getData().entrySet()) {
                Files.writeString(directory.resolve(file.getKey()), file.getValue());
            }
            mounts.put(mount.getMountPath(), directory);
        }
        return mounts;
    }

    private static String relocate(String arg, Map<String, Path> mounts) {
        for (Map.Entry<String, Path> mount : mounts.entrySet()) {
            if (arg.startsWith(mount.getKey() + "/")) {
                return mount.getValue().resolve(arg.substring(mount.getKey().length() + 1)).toString();
            }
        }
        return arg;
    }
}

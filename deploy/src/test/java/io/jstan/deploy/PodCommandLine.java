package io.jstan.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the StatefulSet's container gets in pod {@code <name>-<ordinal>}, as Kubernetes makes it: its
 * arguments with {@code $(VAR)} replaced from the container's environment (its values, and the pod's
 * name from the downward API), and the files of its ConfigMap volumes.
 */
final class PodCommandLine {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private PodCommandLine() {
    }

    static String podName(StatefulSet set, int ordinal) {
        return set.getMetadata().getName() + "-" + ordinal;
    }

    static List<String> arguments(StatefulSet set, int ordinal) {
        Container container = container(set);
        Map<String, String> environment = environment(container, podName(set, ordinal));
        return container.getArgs().stream().map(arg -> expand(arg, environment)).toList();
    }

    /** The files the container sees from ConfigMap volumes: each path in the container, and its text. */
    static Map<String, String> configFiles(StatefulSet set, Manifests manifests) {
        PodSpec pod = set.getSpec().getTemplate().getSpec();
        Map<String, String> files = new TreeMap<>();
        for (VolumeMount mount : container(set).getVolumeMounts()) {
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElse(null);
            if (volume == null || volume.getConfigMap() == null) {
                continue;
            }
            ConfigMap configMap = manifests.get(ConfigMap.class, volume.getConfigMap().getName());
            configMap.getData().forEach((name, text) -> files.put(mount.getMountPath() + "/" + name, text));
        }
        return files;
    }

    private static Container container(StatefulSet set) {
        return set.getSpec().getTemplate().getSpec().getContainers().get(0);
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
}

package io.jstan.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The objects {@code kubectl apply -k deploy/k8s} creates, read from the files its
 * kustomization.yaml lists, each as fabric8's model of its kind.
 */
final class Manifests {
    static final Path DIRECTORY = Path.of(System.getProperty("jstan.k8s", "k8s"));
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "ConfigMap", ConfigMap.class,
            "Service", Service.class,
            "StatefulSet", StatefulSet.class,
            "PodDisruptionBudget", PodDisruptionBudget.class);

    private final List<String> resources;
    private final List<HasMetadata> objects;

    private Manifests(List<String> resources, List<HasMetadata> objects) {
        this.resources = resources;
        this.objects = objects;
    }

    static Manifests load() {
        try {
            JsonNode kustomization = YAML.readTree(DIRECTORY.resolve("kustomization.yaml").toFile());
            List<String> resources = new ArrayList<>();
            kustomization.path("resources").forEach(resource -> resources.add(resource.asText()));
            List<HasMetadata> objects = new ArrayList<>();
            for (String resource : resources) {
                try (MappingIterator<JsonNode> documents = YAML.readValues(YAML.createParser(DIRECTORY.resolve(resource).toFile()), JsonNode.class)) {
                    while (documents.hasNext()) {
                        objects.add(object(documents.next(), resource));
                    }
                }
            }
            return new Manifests(List.copyOf(resources), List.copyOf(objects));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HasMetadata object(JsonNode document, String file) {
        String kind = document.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(kind);
        if (type == null) {
            throw new IllegalArgumentException(file + ": a " + kind + ", which these tests do not know");
        }
        try {
            return YAML.treeToValue(document, type);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": not a valid " + kind, e);
        }
    }

    /** The files kustomization.yaml lists. */
    List<String> resources() {
        return resources;
    }

    /** The one object of {@code type} named {@code name}. */
    <T extends HasMetadata> T get(Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(object -> object.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name + " in " + DIRECTORY));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The names of the YAML files in {@code directory}, sorted. */
    static List<String> yamlFilesIn(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".yaml")).sorted().toList();
        }
    }
}

package io.jstan.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.jstan.broker.cluster.ClusterOptions;
import io.jstan.broker.cluster.ClusterPeer;
import io.jstan.cli.options.ArgumentParser;
import io.jstan.cli.options.Invocation;
import io.jstan.cli.options.ServerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/k8s as {@code kubectl apply -k} reads it: every pod's command line and configuration files
 * are ones jstan accepts without a warning (parsed by the jstan command itself), and the pieces
 * that must agree do: node IDs, Raft addresses and routes on the pods' stable DNS names, the ports,
 * the probes, the disruption budget.
 */
class ManifestsTest {
    private final Manifests manifests = Manifests.load();
    private final StatefulSet set = manifests.all(StatefulSet.class).get(0);

    @TempDir
    Path configCopies;

    @Test
    void theKustomizationListsEveryManifest() throws Exception {
        List<String> files = new ArrayList<>(Manifests.yamlFilesIn(Manifests.DIRECTORY));
        files.remove("kustomization.yaml");
        assertEquals(files, manifests.resources().stream().sorted().toList());
    }

    @Test
    void everyPodRunsAClusterNodeNamedAfterItselfOnItsStableName() throws Exception {
        int replicas = set.getSpec().getReplicas();
        assertEquals(3, replicas);
        String service = set.getSpec().getServiceName();
        List<String> pods = IntStream.range(0, replicas).mapToObj(i -> PodCommandLine.podName(set, i)).toList();
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            String pod = pods.get(ordinal);
            ServerSettings settings = settingsOf(ordinal);
            ClusterOptions cluster = settings.streaming().cluster();
            assertEquals(pod, cluster.nodeId());
            assertEquals(pod + "." + service + ":" + port("raft"), cluster.raftAddress());
            assertEquals(pods, cluster.peers().stream().map(ClusterPeer::nodeId).toList());
            assertEquals("FILE", settings.streaming().storeType());
            assertTrue(settings.streaming().dir().startsWith(dataMountPath()), "the store is on the pod's volume");
            assertTrue(cluster.logPath().startsWith(dataMountPath()), "the Raft log is on the pod's volume");
            assertEquals(port("client"), settings.nats().port());
            assertEquals(port("monitor"), settings.nats().httpPort());
            assertEquals(port("cluster"), settings.nats().cluster().port());
            assertEquals(pods.stream().map(p -> URI.create("nats://" + p + "." + service + ":" + port("cluster"))).toList(),
                    settings.nats().cluster().routes());
        }
    }

    @Test
    void podsReachEachOtherBeforeTheyAreReady() {
        Service headless = manifests.get(Service.class, set.getSpec().getServiceName());
        assertEquals("None", headless.getSpec().getClusterIP());
        assertTrue(headless.getSpec().getPublishNotReadyAddresses(),
                "a pod without a leader is not ready, yet the others must reach it to elect one");
        assertEquals("Parallel", set.getSpec().getPodManagementPolicy());
    }

    @Test
    void probesAskTheMonitoringPort() {
        Container container = container();
        assertEquals("/healthz", container.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/streaming/isready", container.getReadinessProbe().getHttpGet().getPath());
        assertEquals("monitor", container.getLivenessProbe().getHttpGet().getPort().getStrVal());
        assertEquals("monitor", container.getReadinessProbe().getHttpGet().getPort().getStrVal());
    }

    @Test
    void oneNodeAtATimeMayBeDisruptedAndNoTwoShareAMachine() {
        PodDisruptionBudget budget = manifests.all(PodDisruptionBudget.class).get(0);
        assertEquals(1, budget.getSpec().getMaxUnavailable().getIntVal());
        assertEquals(set.getSpec().getSelector(), budget.getSpec().getSelector());
        PodSpec pod = set.getSpec().getTemplate().getSpec();
        var antiAffinity = pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        assertEquals("kubernetes.io/hostname", antiAffinity.get(0).getTopologyKey());
        assertEquals(set.getSpec().getSelector().getMatchLabels(), antiAffinity.get(0).getLabelSelector().getMatchLabels());
    }

    /** The pod's settings as the jstan command reads them, its ConfigMap files copied under {@link #configCopies}. */
    private ServerSettings settingsOf(int ordinal) throws Exception {
        Map<String, String> files = PodCommandLine.configFiles(set, manifests);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path copy = local(file.getKey());
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, file.getValue());
        }
        List<String> args = PodCommandLine.arguments(set, ordinal).stream()
                .map(arg -> files.containsKey(arg) ? local(arg).toString() : arg).toList();
        Invocation invocation = ArgumentParser.parse(args);
        Invocation.RunServer run = assertInstanceOf(Invocation.RunServer.class, invocation, args::toString);
        assertEquals(List.of(), run.configWarnings(), "the configuration files hold only keys jstan uses");
        return run.settings();
    }

    private Path local(String containerPath) {
        return configCopies.resolve(containerPath.substring(1));
    }

    private Container container() {
        return set.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private int port(String name) {
        return container().getPorts().stream().filter(port -> port.getName().equals(name)).findFirst()
                .map(ContainerPort::getContainerPort).orElseThrow(() -> new AssertionError("no port named " + name));
    }

    private Path dataMountPath() {
        String claim = set.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
        return Path.of(container().getVolumeMounts().stream().filter(mount -> mount.getName().equals(claim)).findFirst()
                .orElseThrow().getMountPath());
    }
}

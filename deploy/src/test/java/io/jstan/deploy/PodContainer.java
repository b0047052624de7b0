package io.jstan.deploy;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.jstan.broker.testing.ClientWaits;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One pod of deploy/k8s's StatefulSet as a container of the image under test: its command line and
 * ConfigMap files from the manifests (the files mounted read-only where the pod mounts them), its
 * volume a docker volume at /data, its root filesystem read-only with /tmp apart, as the pod's
 * securityContext has it. Kubernetes gives a pod a network of its own; here the containers share
 * the host's, each on its own loopback address, and reach the others by their pods' DNS names
 * through /etc/hosts entries. {@code -a} and {@code --cluster} bind it to that address: they stand
 * for the pod's network, and are the only flags not taken from the manifests.
 */
final class PodContainer extends GenericContainer<PodContainer> {
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final String address;
    private final int clientPort;
    private final int monitorPort;

    /**
     * Pod {@code ordinal} of {@code set} on {@code addresses.get(ordinal)}, with every pod's DNS name
     * ({@code <pod>.<service>}) resolving to its address.
     */
    PodContainer(Manifests manifests, StatefulSet set, int ordinal, List<String> addresses, String volume,
            int clientPort, int clusterPort, int monitorPort, Path configCopies) throws IOException {
        super(JstanContainer.IMAGE);
        this.name = PodCommandLine.podName(set, ordinal);
        this.address = addresses.get(ordinal);
        this.clientPort = clientPort;
        this.monitorPort = monitorPort;
        List<String> command = new ArrayList<>(PodCommandLine.arguments(set, ordinal));
        command.addAll(List.of("-a", address, "--cluster", "nats://" + address + ":" + clusterPort));
        withNetworkMode("host");
        withCommand(command.toArray(String[]::new));
        for (int i = 0; i < addresses.size(); i++) {
            withExtraHost(PodCommandLine.podName(set, i) + "." + set.getSpec().getServiceName(), addresses.get(i));
        }
        List<Bind> binds = new ArrayList<>(List.of(new Bind(volume, new Volume("/data"))));
        for (String mountPath : writeConfigFiles(PodCommandLine.configFiles(set, manifests), configCopies)) {
            binds.add(new Bind(configCopies.resolve(mountPath.substring(1)).toString(), new Volume(mountPath), AccessMode.ro));
        }
        withEnv("JSTAN_MONITOR", address + ":" + monitorPort);
        withTmpFs(Map.of("/tmp", "rw,exec"));
        withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true).withBinds(binds));
        waitingFor(new MonitoringAnswers().withStartupTimeout(STARTUP));
    }

    /**
     * Writes the ConfigMap files under {@code copies}, readable by the image's user, as a ConfigMap
     * volume shows them; returns the directories they are mounted on in the container.
     */
    private static Set<String> writeConfigFiles(Map<String, String> files, Path copies) throws IOException {
        Set<String> mountPaths = new TreeSet<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path copy = copies.resolve(file.getKey().substring(1));
            for (Path directory = copy.getParent(); directory.startsWith(copies); directory = directory.getParent()) {
                Files.createDirectories(directory);
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.writeString(copy, file.getValue());
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
            mountPaths.add(file.getKey().substring(0, file.getKey().lastIndexOf('/')));
        }
        return mountPaths;
    }

    String natsUrl() {
        return "nats://" + address + ":" + clientPort;
    }

    /** A monitoring path's status code and text, e.g. {@code 503 not ready: no leader}; empty while nothing answers. */
    String monitoring(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address + ":" + monitorPort + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body().strip();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    boolean ready() {
        return monitoring("/streaming/isready").equals("200 ready");
    }

    boolean leads() {
        return monitoring("/streaming/serverz").contains("\"role\": \"Leader\"");
    }

    /** Writes what the container logged, across its restarts, to {@code directory}/{@code <pod>.log}. */
    void saveLogs(Path directory) throws IOException {
        if (getContainerId() != null) {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(name + ".log"), getLogs());
        }
    }

    /**
     * docker stop: SIGTERM, and SIGKILL after {@code grace}, as Kubernetes ends a pod. Returns the
     * exit code: 143 when jstan ended by itself, 137 when it had to be killed.
     */
    long stopGracefully(Duration grace) {
        getDockerClient().stopContainerCmd(getContainerId()).withTimeout((int) grace.toSeconds()).exec();
        return getDockerClient().inspectContainerCmd(getContainerId()).exec().getState().getExitCodeLong();
    }

    /** docker kill: SIGKILL, as a node's machine dying. */
    void kill() {
        getDockerClient().killContainerCmd(getContainerId()).exec();
    }

    /** docker start of the stopped container: the same pod, volume and command line. */
    void startAgain() {
        getDockerClient().startContainerCmd(getContainerId()).exec();
    }

    @Override
    public String toString() {
        return name + "@" + address;
    }

    /** Started once its monitoring port answers /healthz: a follower logs no "ready" line. */
    private final class MonitoringAnswers extends AbstractWaitStrategy {
        @Override
        protected void waitUntilReady() {
            ClientWaits.await(startupTimeout, () -> monitoring("/healthz").startsWith("200"),
                    () -> PodContainer.this + " answers /healthz");
        }
    }
}

package io.jstan.deploy;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import io.jstan.broker.testing.StanClients;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A container of the image under test ({@code -Djstan.image}, which the build sets) on the host's
 * network, as Kubernetes gives a pod a network of its own: its client and monitoring ports are
 * the given ones on 127.0.0.1.
 */
final class JstanContainer extends GenericContainer<JstanContainer> {
    static final DockerImageName IMAGE = DockerImageName.parse(System.getProperty("jstan.image", "jstan:latest"));
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final int clientPort;
    private final int monitorPort;

    /** The server with {@code flags} after its client port and monitoring port. */
    JstanContainer(int clientPort, int monitorPort, String... flags) {
        super(IMAGE);
        this.clientPort = clientPort;
        this.monitorPort = monitorPort;
        List<String> command = new ArrayList<>(List.of("-p", Integer.toString(clientPort), "-m", Integer.toString(monitorPort)));
        command.addAll(List.of(flags));
        withNetworkMode("host");
        withCommand(command.toArray(String[]::new));
        withEnv("JSTAN_MONITOR", "127.0.0.1:" + monitorPort);
        waitingFor(Wait.forLogMessage(".*Streaming Server is ready.*", 1).withStartupTimeout(STARTUP));
    }

    /** The image run with {@code arguments} alone, for a command that exits (--help, --version). */
    static GenericContainer<?> oneShot(String... arguments) {
        return new GenericContainer<>(IMAGE).withNetworkMode("host").withCommand(arguments)
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(STARTUP));
    }

    /** The docker volume {@code name} mounted on the image's /data. */
    JstanContainer withDataVolume(String name) {
        return withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withBinds(new Bind(name, new Volume("/data"))));
    }

    StanClients stanClients() {
        return new StanClients("nats://127.0.0.1:" + clientPort);
    }

    String monitorUrl(String path) {
        return "http://127.0.0.1:" + monitorPort + path;
    }

    /** docker stop: SIGTERM, and SIGKILL after {@code grace}, as Kubernetes ends a pod. */
    void stopGracefully(Duration grace) {
        getDockerClient().stopContainerCmd(getContainerId()).withTimeout((int) grace.toSeconds()).exec();
    }
}

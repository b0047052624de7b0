package io.jstan.cli.tools;

import io.jstan.cli.options.UsageException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * {@code jstan pub|sub|bench|cluster|migrate ...}: the tools, chosen by the first argument.
 * Exit codes are the server command's: 2 for a mistake in the arguments, 1 for a failure.
 */
public final class ClientTools {
    private static final int USAGE_ERROR = 2;
    private static final int FAILURE = 1;
    /**
     * java-nats-streaming 2.2.3 carries protobuf code generated before protobuf 3.21.7, about which
     * the protobuf 3.25 runtime warns once per message type (GHSA-h4h5-3hr4-j3g2, hostile input to
     * the parser). The tools exist to exercise that official client against a server the user names,
     * so they accept the risk, and keep stderr readable.
     */
    private static final String ACCEPT_PRE22_GENCODE = "com.google.protobuf.use_unsafe_pre22_gencode";
    /** The names alone: telling a tool from a server flag loads no tool (nor the benchmark's histograms) at server start. */
    private static final Set<String> NAMES = Set.of("pub", "sub", "bench", "cluster", "migrate");

    private ClientTools() {
    }

    /** Whether {@code firstArgument} names a tool. */
    public static boolean isTool(String firstArgument) {
        return NAMES.contains(firstArgument);
    }

    /**
     * Runs the tool that {@code args.get(0)} names with the arguments that follow it.
     *
     * @return the exit code
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        System.setProperty(ACCEPT_PRE22_GENCODE, "true");
        String name = args.get(0);
        String prefix = "jstan " + name + ": ";
        try {
            CommandLine commandLine = ToolArguments.parse(tool(name), args.subList(1, args.size()));
            if (commandLine.isUsageHelpRequested()) {
                out.print(commandLine.getUsageMessage());
                return 0;
            }
            ClientTool tool = commandLine.getCommand();
            return tool.run(out, err);
        } catch (UsageException e) {
            err.println(prefix + e.getMessage() + " (see 'jstan " + name + " -h')");
            return USAGE_ERROR;
        } catch (IOException | TimeoutException e) {
            err.println(prefix + e.getMessage());
            return FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(prefix + "interrupted");
            return FAILURE;
        }
    }

    private static ClientTool tool(String name) {
        return switch (name) {
            case "pub" -> new PubCommand();
            case "sub" -> new SubCommand();
            case "bench" -> new BenchCommand();
            case "cluster" -> new ClusterCommand();
            case "migrate" -> new MigrateCommand();
            default -> throw new IllegalArgumentException("no tool named " + name);
        };
    }
}

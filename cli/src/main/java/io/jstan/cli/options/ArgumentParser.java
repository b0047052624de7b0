package io.jstan.cli.options;

import io.jstan.cli.config.ConfigException;
import io.jstan.cli.config.ConfigParser;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the command line, and the configuration files it names, into an {@link Invocation}.
 * As in nats-server, the files are applied first and the command line parsed again over them,
 * so that flags win.
 */
public final class ArgumentParser {
    private static final String SEE_HELP = " (see 'jstan --help')";

    private ArgumentParser() {
    }

    public static Invocation parse(List<String> args) throws UsageException {
        return parse(args, System::getenv);
    }

    /** As {@link #parse(List)}, with {@code environment} in place of the process environment. */
    static Invocation parse(List<String> args, Function<String, String> environment) throws UsageException {
        JstanCommand command = new JstanCommand();
        parseOnto(command, args);
        List<ConfigFile> files = command.configFiles();
        if (files.isEmpty()) {
            return command.invocation(List.of(), environment);
        }
        JstanCommand merged = new JstanCommand();
        List<String> warnings = new ArrayList<>();
        for (ConfigFile file : files) {
            warnings.addAll(ConfigMerge.apply(readConfig(file.path()), file.path(), merged.sections(), file.scopes()));
        }
        parseOnto(merged, args);
        return merged.invocation(warnings, environment);
    }

    /** A picocli command line for {@code command}, set up to read flags as nats-streaming-server does. */
    public static CommandLine commandLine(Object command) {
        CommandLine commandLine = new CommandLine(command)
                .setPosixClusteredShortOptionsAllowed(false)
                .setStopAtPositional(true)
                .setOverwrittenOptionsAllowed(true)
                .setAllowOptionsAsOptionParameters(true)
                .setExpandAtFiles(false);
        GoValueConverters.registerOn(commandLine);
        return commandLine;
    }

    /** Parses {@code args} onto {@code command}: options not given keep the values {@code command} already holds. */
    static void parseOnto(Object command, List<String> args) throws UsageException {
        CommandLine commandLine = commandLine(command);
        List<String> normalized = new GoFlagSyntax(commandLine.getCommandSpec()).normalize(args);
        try {
            commandLine.parseArgs(normalized.toArray(String[]::new));
        } catch (UnmatchedArgumentException e) {
            throw new UsageException("unknown option '" + e.getUnmatched().get(0) + "'" + SEE_HELP);
        } catch (ParameterException e) {
            throw new UsageException(decapitalize(e.getMessage()) + SEE_HELP);
        }
    }

    private static Map<String, Object> readConfig(Path file) throws UsageException {
        try {
            return ConfigParser.parseFile(file);
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String decapitalize(String message) {
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
}

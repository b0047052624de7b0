package io.jstan.cli.tools;

import io.jstan.cli.options.ArgumentParser;
import io.jstan.cli.options.GoFlagSyntax;
import io.jstan.cli.options.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.util.List;

/** Reads a tool's arguments as Go's flag package reads stan.go's examples: {@code -id x}, {@code --id=x}, {@code -a=false}. */
final class ToolArguments {
    private ToolArguments() {
    }

    /** @return the command line, {@code tool} set from {@code args} */
    static CommandLine parse(ClientTool tool, List<String> args) throws UsageException {
        CommandLine commandLine = ArgumentParser.commandLine(tool);
        List<String> normalized = new GoFlagSyntax(commandLine.getCommandSpec()).normalize(args);
        try {
            commandLine.parseArgs(normalized.toArray(String[]::new));
        } catch (ParameterException e) {
            // picocli reports a missing parameter before an unknown option; the unknown option says more.
            List<String> unmatched = commandLine.getUnmatchedArguments();
            if (!unmatched.isEmpty()) {
                throw unmatchedArgument(unmatched.get(0));
            }
            String message = e.getMessage();
            throw new UsageException(Character.toLowerCase(message.charAt(0)) + message.substring(1));
        }
        return commandLine;
    }

    private static UsageException unmatchedArgument(String argument) {
        return new UsageException((argument.startsWith("-") ? "unknown option '" : "unexpected argument '") + argument + "'");
    }
}

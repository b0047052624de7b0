package io.jstan.cli.options;

import picocli.CommandLine.Option;

/** What to do instead of running a server: show help or the version, or signal a running server. */
public final class CommonSection implements OptionSection {

    @Option(names = {"-h", "--help"}, description = "Show this message")
    boolean help;

    @Option(names = {"-v", "--version"}, description = "Show version")
    boolean version;

    @Option(names = "--help_tls", description = "TLS help")
    boolean tlsHelp;

    @Option(names = {"-sl", "--signal"}, paramLabel = "<signal>[=<pid>]",
            description = "Send signal to jstan process (stop, quit, reopen)")
    String signal;

    @Override
    public String heading() {
        return "Common Options";
    }
}

package io.jstan.cli.options;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Shortcuts for tests: parse a command line that must ask for a server run. */
final class Parsing {
    private Parsing() {
    }

    static ServerSettings settings(String... args) throws UsageException {
        return run(args).settings();
    }

    static Invocation.RunServer run(String... args) throws UsageException {
        return assertInstanceOf(Invocation.RunServer.class, ArgumentParser.parse(List.of(args)));
    }
}

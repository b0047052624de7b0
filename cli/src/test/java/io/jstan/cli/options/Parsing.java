package io.jstan.cli.options;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Shortcuts for tests: parse a command line that must ask for a server run. */
final class Parsing {
    private Parsing() {
    }

    static ServerSettings settings(String... args) throws UsageException {
        return run(args).settings();
    }

    /** Parsed in an environment without any variable: the developer's own do not change the outcome. */
    static Invocation.RunServer run(String... args) throws UsageException {
        return runIn(Map.of(), args);
    }

    static Invocation.RunServer runIn(Map<String, String> environment, String... args) throws UsageException {
        return assertInstanceOf(Invocation.RunServer.class, ArgumentParser.parse(List.of(args), environment::get));
    }
}

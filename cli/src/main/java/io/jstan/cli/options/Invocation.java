package io.jstan.cli.options;

import io.jstan.cli.signal.SignalRequest;

import java.util.List;

/** What a command line asks for. */
public sealed interface Invocation {

    record ShowHelp() implements Invocation {
    }

    record ShowVersion() implements Invocation {
    }

    record ShowTlsHelp() implements Invocation {
    }

    record SendSignal(SignalRequest request) implements Invocation {
    }

    /**
     * @param configWarnings what was ignored in the configuration file, or set and without effect,
     *     to be logged once logging is set up
     */
    record RunServer(ServerSettings settings, List<String> configWarnings) implements Invocation {
    }
}

package io.jstan.cli;

import io.jstan.cli.options.ArgumentParser;
import io.jstan.cli.options.Invocation;
import io.jstan.cli.options.UsageException;
import io.jstan.cli.signal.SignalException;
import io.jstan.cli.signal.SignalSender;
import io.jstan.cli.tools.ClientTools;

import java.io.PrintStream;
import java.util.List;
import java.util.OptionalInt;

/**
 * Does what a command line asks for, reporting to the given streams rather than exiting:
 * runs the server, or the client tool named by the first argument ({@code jstan pub ...}).
 */
public final class Launcher {
    /** A mistake in the flags or the configuration file. */
    static final int USAGE_ERROR = 2;
    static final int FAILURE = 1;

    private final PrintStream out;
    private final PrintStream err;

    public Launcher(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** @return the exit code, or empty when a server was started and now runs until it is signalled */
    public OptionalInt run(List<String> args) {
        if (!args.isEmpty() && ClientTools.isTool(args.get(0))) {
            return OptionalInt.of(ClientTools.run(args, out, err));
        }
        Invocation invocation;
        try {
            invocation = ArgumentParser.parse(args);
        } catch (UsageException e) {
            err.println("jstan: " + e.getMessage());
            return OptionalInt.of(USAGE_ERROR);
        }
        if (invocation instanceof Invocation.ShowHelp) {
            out.print(UsageText.render());
        } else if (invocation instanceof Invocation.ShowVersion) {
            out.println("jstan version " + Version.current());
        } else if (invocation instanceof Invocation.ShowTlsHelp) {
            out.print(TlsHelp.TEXT);
        } else if (invocation instanceof Invocation.SendSignal signal) {
            return OptionalInt.of(send(signal));
        } else {
            return ServerRunner.start((Invocation.RunServer) invocation, err);
        }
        return OptionalInt.of(0);
    }

    private int send(Invocation.SendSignal signal) {
        try {
            SignalSender.send(signal.request());
            return 0;
        } catch (SignalException e) {
            err.println("jstan: " + e.getMessage());
            return FAILURE;
        }
    }
}

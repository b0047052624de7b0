package io.jstan.cli.tools;

import io.jstan.cli.options.UsageException;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.TimeoutException;

/** One of the client tools, its options already parsed onto it. */
interface ClientTool {
    /**
     * @return the exit code
     * @throws UsageException when the options contradict each other or are out of range
     * @throws IOException    when the server cannot be reached or answers with an error
     */
    int run(PrintStream out, PrintStream err) throws UsageException, IOException, TimeoutException, InterruptedException;
}

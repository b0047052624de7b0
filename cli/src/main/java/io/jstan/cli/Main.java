package io.jstan.cli;

import java.util.List;

/** The {@code jstan} command: {@code java -jar jstan.jar [options]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        new Launcher(System.out, System.err).run(List.of(args)).ifPresent(System::exit);
    }
}

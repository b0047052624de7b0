package io.jstan.cli.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One parse of a configuration, across the files it includes and the environment variables
 * it expands: reads files, and catches include cycles and environment variable cycles.
 */
final class ParseSession {
    private final Function<String, String> environment;
    /** Real paths of the files being parsed, the innermost include first. */
    private final Deque<Path> openFiles = new ArrayDeque<>();
    /** Environment variables whose values are being parsed, in the order they were reached. */
    private final Set<String> expandingVariables = new LinkedHashSet<>();

    ParseSession(Function<String, String> environment) {
        this.environment = environment;
    }

    Map<String, Object> parseFile(Path file) throws ConfigException {
        String text;
        try {
            text = read(file);
        } catch (IOException e) {
            throw new ConfigException(file, 0, 0, "cannot read config file: " + describe(e));
        }
        return parseText(text, file);
    }

    Map<String, Object> parseText(String text, Path origin) throws ConfigException {
        openFiles.push(realPath(origin));
        try {
            return new DocumentParser(new Source(origin, text), this).parseDocument();
        } finally {
            openFiles.pop();
        }
    }

    /** Parses the file {@code name}, named by an include at {@code at} in {@code including}. */
    Map<String, Object> parseInclude(Source including, int at, String name) throws ConfigException {
        Path file;
        try {
            Path dir = including.file().getParent();
            file = dir == null ? Path.of(name) : dir.resolve(name);
        } catch (InvalidPathException e) {
            throw including.errorAt(at, "invalid include file name '" + name + "': " + e.getReason());
        }
        Path realPath = realPath(file);
        if (openFiles.contains(realPath)) {
            List<String> cycle = new ArrayList<>();
            openFiles.descendingIterator().forEachRemaining(open -> cycle.add(open.toString()));
            cycle.add(realPath.toString());
            throw including.errorAt(at, "include cycle: " + String.join(" -> ", cycle));
        }
        String text;
        try {
            text = read(file);
        } catch (NoSuchFileException e) {
            throw including.errorAt(at, "include file not found: " + file);
        } catch (IOException e) {
            throw including.errorAt(at, "cannot read include file " + file + ": " + describe(e));
        }
        return parseText(text, file);
    }

    /** The parsed value of environment variable {@code name}, referenced at {@code at} in {@code referrer}. */
    Object environmentValue(String name, Source referrer, int at) throws ConfigException {
        String raw = environment.apply(name);
        if (raw == null) {
            throw referrer.errorAt(at, "undefined variable $" + name + ": no key '" + name
                    + "' before it in this or an enclosing block, and no environment variable " + name);
        }
        if (!expandingVariables.add(name)) {
            throw referrer.errorAt(at, "environment variable cycle: " + String.join(" -> ", expandingVariables) + " -> " + name);
        }
        try {
            return new DocumentParser(new Source(referrer.file(), raw), this).parseLoneValue();
        } catch (ConfigException e) {
            throw referrer.errorAt(at, "environment variable " + name + ": " + e.reason());
        } finally {
            expandingVariables.remove(name);
        }
    }

    private static String read(Path file) throws IOException {
        // Like nats-server, accept any bytes: text that is not UTF-8 is decoded with replacement characters.
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        // A byte order mark (left by some Windows editors) would otherwise become part of the first key.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + e.getMessage();
    }
}

package io.jstan.cli.tools;

import io.jstan.cli.logging.LogDestination;
import io.jstan.cli.logging.LogSettings;
import io.jstan.cli.logging.Logging;
import io.jstan.cli.options.ArgumentParser;
import io.jstan.cli.options.Invocation;
import io.jstan.cli.options.StreamingSettings;
import io.jstan.cli.options.UsageException;
import io.jstan.store.Store;
import io.jstan.store.crypto.EncryptingStore;
import io.jstan.store.crypto.EncryptionCipher;
import io.jstan.store.crypto.EncryptionKey;
import io.jstan.store.crypto.StoreEncryption;
import io.jstan.store.file.FileStore;
import io.jstan.store.migration.CorruptRecordException;
import io.jstan.store.migration.CorruptRecords;
import io.jstan.store.migration.NssStore;
import io.jstan.store.migration.StoreMigration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code jstan migrate}: copies a stopped nats-streaming-server's FILE store into a new jstan FILE
 * store (see docs/migration.md). The limits and FILE store options are read from the flags and the
 * configuration file the server ran with, as the server reads them: the oldest messages that its
 * limits would drop when it starts are dropped here.
 */
@Command(name = "jstan migrate", sortOptions = false, description = {
        "Copies a nats-streaming-server FILE store (stopped) into a new jstan FILE store:",
        "cluster ID, clients, channels, messages, subscriptions with their positions and pending messages.",
        "The source is only read; the destination must be empty or not exist."})
final class MigrateCommand implements ClientTool {
    static final String ENVIRONMENT_KEY = "NATS_STREAMING_ENCRYPTION_KEY";

    @Option(names = "--from", required = true, paramLabel = "<dir>", description = "The nats-streaming-server store directory (its --dir)")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "<dir>", description = "The jstan store directory to create (its --dir)")
    Path to;

    @Option(names = "--skip_corrupt", arity = "0..1", paramLabel = "<bool>",
            description = "Skip corrupt records (each one reported) instead of stopping")
    boolean skipCorrupt;

    @Option(names = {"-c", "--config"}, paramLabel = "<file>",
            description = "The server's configuration file: its limits and FILE store options apply")
    Path config;

    @Option(names = {"-mm", "--max_msgs"}, paramLabel = "<int>", description = "Max messages per channel, as the server ran with")
    String maxMsgs;

    @Option(names = {"-mb", "--max_bytes"}, paramLabel = "<size>", description = "Max bytes per channel, as the server ran with")
    String maxBytes;

    @Option(names = "--encryption_key", paramLabel = "<key>",
            description = "The key the server encrypted with (the " + ENVIRONMENT_KEY + " environment variable wins)")
    String encryptionKey;

    @Option(names = "--encrypt", arity = "0..1", paramLabel = "<bool>",
            description = "Encrypt the jstan store with that key")
    boolean encrypt;

    @Option(names = "--encryption_cipher", paramLabel = "<cipher>",
            description = "The cipher of the jstan store: AES or CHACHA (default: AES)")
    String encryptionCipher;

    @Option(names = "--cluster_node_id", paramLabel = "<id>",
            description = "Make the store a clustered one, of that node, to seed a new cluster (see docs/migration.md)")
    String clusterNodeId = "";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this message")
    boolean help;

    @Override
    public int run(PrintStream out, PrintStream err) throws UsageException, IOException {
        StreamingSettings server = serverSettings();
        EncryptionKey key = key();
        StoreEncryption encryption = encryption(key);
        NssStore source = NssStore.open(from, server.fileStore().crcPolynomial());
        Logging.configure(new LogSettings(new LogDestination.Stderr(), false, false, false, false, false, false));
        MigrationDestination destination = MigrationDestination.prepare(to, from);
        CorruptRecords corrupt = skipCorrupt
                ? CorruptRecords.skipping(record -> err.println("jstan migrate: skipped " + record.getMessage()))
                : CorruptRecords.stopping();
        MigrationProgress progress = new MigrationProgress(source.messageFileBytes(), System.console() != null, err);
        StoreMigration.Summary summary;
        try {
            FileStore file = new FileStore(destination.staging(), server.fileStore());
            try (Store target = encryption == null ? file : new EncryptingStore(file, encryption)) {
                target.setLimits(server.engine().storeLimits());
                target.recover();
                summary = new StoreMigration(source, target, corrupt, key, clusterNodeId, progress::show).run();
            }
            progress.done();
            destination.complete();
        } catch (CorruptRecordException | IOException | RuntimeException e) {
            progress.done();
            destination.abandon();
            err.println("jstan migrate: " + e.getMessage());
            err.println("jstan migrate: stopped; nothing was written to " + to
                    + (e instanceof CorruptRecordException ? " (--skip_corrupt skips corrupt records)" : ""));
            return 1;
        }
        report(summary, out);
        return 0;
    }

    /** The server's limits and FILE store options, from the configuration file and flags given, read as the server reads them. */
    private StreamingSettings serverSettings() throws UsageException {
        List<String> args = new ArrayList<>(List.of("--store", FileStore.TYPE));
        if (config != null) {
            args.addAll(List.of("--config", config.toString()));
        }
        args.addAll(List.of("--dir", to.toString()));
        if (maxMsgs != null) {
            args.addAll(List.of("--max_msgs", maxMsgs));
        }
        if (maxBytes != null) {
            args.addAll(List.of("--max_bytes", maxBytes));
        }
        Invocation invocation;
        try {
            invocation = ArgumentParser.parse(args);
        } catch (UsageException e) {
            throw new UsageException("the server's configuration: " + e.getMessage());
        }
        if (!(invocation instanceof Invocation.RunServer run)) {
            throw new UsageException("the server's configuration does not run a server");
        }
        return run.settings().streaming();
    }

    /** The key, as nats-streaming-server takes it: the environment variable when set, else the flag; null without either. */
    private EncryptionKey key() {
        String environmentKey = System.getenv(ENVIRONMENT_KEY);
        String key = environmentKey != null && !environmentKey.isEmpty() ? environmentKey : encryptionKey;
        return key == null || key.isEmpty() ? null : EncryptionKey.of(key);
    }

    private StoreEncryption encryption(EncryptionKey key) throws UsageException {
        if (!encrypt) {
            if (encryptionCipher != null) {
                throw new UsageException("--encryption_cipher is the cipher of the jstan store: it needs --encrypt");
            }
            return null;
        }
        if (key == null) {
            throw new UsageException("--encrypt needs a key (--encryption_key, or the " + ENVIRONMENT_KEY + " environment variable)");
        }
        try {
            return new StoreEncryption(EncryptionCipher.named(encryptionCipher), key);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private void report(StoreMigration.Summary summary, PrintStream out) {
        double seconds = Math.max(summary.time().toNanos() / 1e9, 1e-9);
        out.printf(Locale.ROOT, "Migrated %s to %s in %.1fs (cluster ID \"%s\")%n", from, to, seconds, summary.clusterId());
        out.printf(Locale.ROOT, "  channels:      %,d%n", summary.channels());
        out.printf(Locale.ROOT, "  messages:      %,d read, %,d kept (%,d dropped by the limits)%n", summary.messagesRead(),
                summary.messagesKept(), summary.messagesRead() + summary.gapsFilled() - summary.messagesKept());
        out.printf(Locale.ROOT, "  bytes:         %,d (%.1f MB)%n", summary.bytes(), summary.bytes() / 1e6);
        out.printf(Locale.ROOT, "  rate:          %,.0f msgs/s, %.1f MB/s%n", summary.messagesRead() / seconds,
                summary.bytes() / 1e6 / seconds);
        out.printf(Locale.ROOT, "  clients:       %,d%n", summary.clients());
        out.printf(Locale.ROOT, "  subscriptions: %,d (%,d pending messages)%n", summary.subscriptions(), summary.pendingMessages());
        if (summary.corruptSkipped() > 0 || summary.gapsFilled() > 0) {
            out.printf(Locale.ROOT, "  corrupt records skipped: %,d (%,d messages replaced by empty ones)%n",
                    summary.corruptSkipped(), summary.gapsFilled());
        }
    }
}

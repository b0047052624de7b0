package io.jstan.cli.options;

import io.jstan.store.file.FileStoreOptions;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * nats-streaming-server's "File Store Options". Those with a meaning on RocksDB set
 * {@link FileStoreOptions} (docs/file-store.md); those of its own file format (compaction,
 * slices, read buffer) are refused when given, with the reason.
 */
public final class FileStoreSection implements OptionSection {
    private static final String NO_COMPACTION = "RocksDB compacts its files by itself; jstan has no file compaction to tune";
    private static final String NO_SLICES = "RocksDB keeps no file slices; the channel limits decide what is removed";

    @Option(names = "--file_compact_enabled", arity = "0..1", description = "Enable file compaction")
    @ConfigKey(scope = ConfigScope.STREAMING, value = {
            "file_options.compact", "file_options.compact_enabled", "file.compact",
            "file.compact_enabled"
    })
    Boolean compactEnabled;

    @Option(names = "--file_compact_frag", description = "File fragmentation threshold for compaction")
    @ConfigKey(scope = ConfigScope.STREAMING, value = {
            "file_options.compact_frag", "file_options.compact_fragmentation", "file.compact_frag",
            "file.compact_fragmentation"
    })
    Integer compactFragmentation;

    @Option(names = "--file_compact_interval", description = "Minimum interval (in seconds) between file compactions")
    @ConfigKey(value = {"file_options.compact_interval", "file.compact_interval"}, scope = ConfigScope.STREAMING)
    Integer compactInterval;

    @Option(names = "--file_compact_min_size", description = "Minimum file size for compaction")
    @ConfigKey(value = {"file_options.compact_min_size", "file.compact_min_size"}, scope = ConfigScope.STREAMING)
    ByteSize compactMinSize;

    @Option(names = "--file_buffer_size", description = "File buffer size (in bytes): RocksDB's write buffer")
    @ConfigKey(value = {"file_options.buffer_size", "file.buffer_size"}, scope = ConfigScope.STREAMING)
    ByteSize bufferSize = new ByteSize(FileStoreOptions.DEFAULTS.writeBufferSize());

    @Option(names = "--file_crc", arity = "0..1", description = "Enable file CRC-32 checksum")
    @ConfigKey(scope = ConfigScope.STREAMING, value = {
            "file_options.crc", "file_options.do_crc", "file.crc",
            "file.do_crc"
    })
    boolean crc = FileStoreOptions.DEFAULTS.crc();

    @Option(names = "--file_crc_poly", description = "Polynomial used to make the table used for CRC-32 checksum")
    @ConfigKey(value = {"file_options.crc_poly", "file.crc_poly"}, scope = ConfigScope.STREAMING)
    long crcPolynomial = FileStoreOptions.DEFAULTS.crcPolynomial();

    @Option(names = "--file_sync", arity = "0..1", description = "Enable File.Sync on Flush")
    @ConfigKey(scope = ConfigScope.STREAMING, value = {
            "file_options.sync", "file_options.do_sync", "file_options.sync_on_flush",
            "file.sync", "file.do_sync", "file.sync_on_flush"
    })
    boolean sync = FileStoreOptions.DEFAULTS.sync();

    @Option(names = "--file_slice_max_msgs", description = "Maximum number of messages per file slice (subject to channel limits)")
    @ConfigKey(scope = ConfigScope.STREAMING, value = {
            "file_options.slice_max_msgs", "file_options.slice_max_count", "file_options.slice_msgs",
            "file_options.slice_count", "file.slice_max_msgs", "file.slice_max_count",
            "file.slice_msgs", "file.slice_count"
    })
    Integer sliceMaxMsgs;

    @Option(names = "--file_slice_max_bytes", description = "Maximum file slice size - including index file (subject to channel limits)")
    @ConfigKey(scope = ConfigScope.STREAMING, value = {
            "file_options.slice_max_bytes", "file_options.slice_max_size", "file_options.slice_bytes",
            "file_options.slice_size", "file.slice_max_bytes", "file.slice_max_size",
            "file.slice_bytes", "file.slice_size"
    })
    ByteSize sliceMaxBytes;

    @Option(names = "--file_slice_max_age", description = "Maximum file slice duration starting when the first message is stored")
    @ConfigKey(scope = ConfigScope.STREAMING, value = {
            "file_options.slice_max_age", "file_options.slice_age", "file_options.slice_max_time",
            "file_options.slice_time_limit", "file.slice_max_age", "file.slice_age",
            "file.slice_max_time", "file.slice_time_limit"
    })
    Duration sliceMaxAge;

    @Option(names = "--file_slice_archive_script", description = "Path to script to use if you want to archive a file slice being removed")
    @ConfigKey(value = {"file_options.slice_archive_script", "file_options.slice_archive", "file_options.slice_script"},
            scope = ConfigScope.STREAMING)
    String sliceArchiveScript;

    @Option(names = "--file_fds_limit", description = "Store will try to use no more file descriptors than this given limit")
    @ConfigKey(scope = ConfigScope.STREAMING, value = {
            "file_options.file_descriptors_limit", "file_options.fds_limit", "file.file_descriptors_limit",
            "file.fds_limit"
    })
    int fdsLimit = FileStoreOptions.DEFAULTS.maxOpenFiles();

    @Option(names = "--file_parallel_recovery", description = "On startup, number of channels that can be recovered in parallel")
    @ConfigKey(value = {"file_options.parallel_recovery", "file.parallel_recovery"}, scope = ConfigScope.STREAMING)
    int parallelRecovery = FileStoreOptions.DEFAULTS.parallelRecovery();

    @Option(names = "--file_truncate_bad_eof", arity = "0..1",
            description = "Truncate files for which there is an unexpected EOF on recovery, dataloss may occur")
    @ConfigKey(value = {"file_options.truncate_bad_eof", "file.truncate_bad_eof"}, scope = ConfigScope.STREAMING)
    boolean truncateBadEof = FileStoreOptions.DEFAULTS.truncateBadEof();

    @Option(names = "--file_read_buffer_size", description = "Size of messages read ahead buffer (0 to disable)")
    @ConfigKey(value = {"file_options.read_buffer_size", "file.read_buffer_size"}, scope = ConfigScope.STREAMING)
    ByteSize readBufferSize;

    @Option(names = "--file_auto_sync", description = "Interval at which the store should be automatically flushed and sync'ed on disk")
    @ConfigKey(value = {"file_options.auto_sync", "file.auto_sync"}, scope = ConfigScope.STREAMING)
    Duration autoSync;

    @Override
    public String heading() {
        return "Streaming Server File Store Options";
    }

    FileStoreOptions options() throws UsageException {
        refuseWhatRocksDbHasNoUseFor();
        try {
            return FileStoreOptions.DEFAULTS
                    .withSync(sync)
                    .withCrc(crc)
                    .withCrcPolynomial(crcPolynomial)
                    .withWriteBufferSize(bufferSize.bytes())
                    .withMaxOpenFiles(fdsLimit)
                    .withParallelRecovery(parallelRecovery)
                    .withTruncateBadEof(truncateBadEof);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private void refuseWhatRocksDbHasNoUseFor() throws UsageException {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("file_compact_enabled", compactEnabled);
        given.put("file_compact_frag", compactFragmentation);
        given.put("file_compact_interval", compactInterval);
        given.put("file_compact_min_size", compactMinSize);
        given.put("file_slice_max_msgs", sliceMaxMsgs);
        given.put("file_slice_max_bytes", sliceMaxBytes);
        given.put("file_slice_max_age", sliceMaxAge);
        given.put("file_slice_archive_script", sliceArchiveScript);
        given.put("file_read_buffer_size", readBufferSize);
        given.put("file_auto_sync", autoSync);
        for (Map.Entry<String, Object> option : given.entrySet()) {
            if (option.getValue() != null) {
                throw new UsageException(option.getKey() + " is not supported by jstan: " + reason(option.getKey()));
            }
        }
    }

    private static String reason(String option) {
        if (option.startsWith("file_compact")) {
            return NO_COMPACTION;
        }
        if (option.startsWith("file_slice")) {
            return NO_SLICES;
        }
        if (option.equals("file_read_buffer_size")) {
            return "RocksDB reads through its own block cache";
        }
        return "file_sync syncs every batch; a timed sync of an unsynced store is not there yet";
    }
}

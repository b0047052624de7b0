package io.jstan.cli.options;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FlagErrorTest {

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("unknown option '--foo' (see 'jstan --help')", "--foo"),
                mistake("unknown option '-x' (see 'jstan --help')", "-p", "1", "-x"),
                mistake("invalid value for option '--port': 'abc' is not an int (see 'jstan --help')", "-p", "abc"),
                mistake("invalid value for option '--port': '99999999999' is not an int (see 'jstan --help')", "--port=99999999999"),
                mistake("missing required parameter for option '--port' (<port>) (see 'jstan --help')", "-p"),
                mistake("port 70000 is out of range (0 to 65535, or -1 for a random port)", "-p", "70000"),
                mistake("http_port -2 is out of range (0 to 65535, or -1 for a random port)", "-m", "-2"),
                mistake("invalid value for option '--tls': 'maybe' is not a boolean (true or false) (see 'jstan --help')", "--tls=maybe"),
                mistake("unrecognized command 'serve'", "serve"),
                mistake("unknown signal 'restart' (expected stop, quit or reopen)", "-sl", "restart=1"),
                mistake("signal 'reload' is not supported by jstan yet", "-sl", "reload=1"),
                mistake("invalid signal parameters 'quit=1=2' (expected <signal>[=<pid>])", "-sl", "quit=1=2"),
                mistake("-sl quit needs the server's pid: give its pid file with -P, or quit=<pid>", "-sl", "quit"),
                mistake("remote syslog over tcp is not supported by jstan yet, use udp://host:port", "-r", "tcp://logs:514"),
                mistake("invalid remote syslog address 'logs:514' (expected udp://host:port)", "-r", "logs:514"),
                mistake("a user and a token cannot both be required (--user/--pass or --auth, not both)", "--user", "a", "--auth", "t"),
                mistake("a password needs a user (--user)", "--pass", "p"),
                mistake("TLS needs a server certificate and its private key (--tlscert and --tlskey,"
                        + " or cert_file and key_file in the tls block)", "--tls"),
                mistake("TLS needs a server certificate and its private key (--tlscert and --tlskey,"
                        + " or cert_file and key_file in the tls block)", "--tlsverify", "--tlscert", "cert.pem"),
                mistake("the FILE store needs a directory (--dir)", "-st", "FILE"),
                mistake("ft: only FILE and SQL stores are supported in FT mode (--ft_group with -st MEMORY)", "--ft_group", "g"),
                mistake("the SQL store needs a driver (--sql_driver postgres or mysql)", "-st", "sql"),
                mistake("unsupported SQL driver \"sqlite\" (use \"postgres\" or \"mysql\")", "-st", "SQL", "--sql_driver", "sqlite"),
                mistake("the SQL store needs a data source (--sql_source)", "-st", "SQL", "--sql_driver", "postgres"),
                mistake("postgres data source: option krbsrvname not understood by jstan",
                        "-st", "SQL", "--sql_driver", "postgres", "--sql_source", "user=nss krbsrvname=k"),
                mistake("mysql data source: missing \"/\" before the database name (expected user:password@tcp(host:port)/dbname)",
                        "-st", "SQL", "--sql_driver", "mysql", "--sql_source", "root@tcp(db:3306)"),
                mistake("sql_max_open_conns must be 0 (unlimited) or at least 2 (the SQL store uses one connection for its"
                        + " changes and one for its lock), not 1", "-st", "SQL", "--sql_driver", "postgres", "--sql_source",
                        "user=nss", "--sql_max_open_conns", "1"),
                mistake("clustering needs --cluster_log_path, or a store directory (--dir) to keep the Raft log in", "-st", "SQL",
                        "--sql_driver", "postgres", "--sql_source", "user=nss", "--clustered", "--cluster_bootstrap"),
                mistake("sql_max_open_conns must be 0 (unlimited) or at least 3 for a clustered node (it takes snapshots on a"
                        + " connection of their own), not 2", "-st", "SQL", "--sql_driver", "postgres", "--sql_source", "user=nss",
                        "--sql_max_open_conns", "2", "--clustered", "--cluster_bootstrap", "--cluster_log_path", "/data/raft"),
                mistake("file_slice_max_msgs is not supported by jstan: RocksDB keeps no file slices; the channel limits"
                        + " decide what is removed", "-st", "FILE", "--dir", "/data", "--file_slice_max_msgs", "10"),
                mistake("CRC polynomial 0x0 is not a 32-bit polynomial (nats-streaming-server's default is 0xedb88320)",
                        "-st", "FILE", "--dir", "/data", "--file_crc_poly", "0"),
                mistake("unknown store type: disk (expected MEMORY, FILE or SQL)", "-st", "disk"),
                mistake("encryption at rest (--encrypt) needs a FILE or SQL store: a MEMORY store writes nothing to disk",
                        "--encrypt", "--encryption_key", "k"),
                mistake("encryption at rest (--encrypt) needs a FILE or SQL store: a MEMORY store writes nothing to disk",
                        "--encryption_key", "k"),
                mistake("encryption cipher not supported: DES (AES or CHACHA)",
                        "-st", "FILE", "--dir", "/data", "--encrypt", "--encryption_cipher", "DES", "--encryption_key", "k"),
                mistake("max channels limit cannot be negative (-1)", "-mc", "-1"),
                mistake("max subscriptions limit cannot be negative (-2)", "-msu", "-2"),
                mistake("max messages limit cannot be negative (-1)", "-mm", "-1"),
                mistake("max bytes limit cannot be negative (-1)", "-mb", "-1"),
                mistake("max age limit cannot be negative (PT-1S)", "-ma", "-1s"),
                mistake("invalid value for option '--max_bytes': '1XB' is not a size such as 1048576, 1MB or 64KB"
                        + " (see 'jstan --help')", "-mb", "1XB"),
                mistake("invalid value for option '--max_age': 'soon' is not a duration such as 500ms, 2m or 1h30m"
                        + " (see 'jstan --help')", "-ma", "soon"),
                mistake("invalid value for option '--max_msgs': 'many' is not a long (see 'jstan --help')", "-mm", "many"),
                mistake("hb_interval must be positive (0s)", "-hbi", "0"),
                mistake("hb_timeout must be positive (-1s)", "-hbt", "-1s"),
                mistake("hb_fail_count cannot be negative (-1)", "-hbf", "-1"),
                mistake("invalid NATS server URL 'nats://h:x' (-ns)", "-ns", "nats://a:4222,nats://h:x"),
                mistake("monitoring (-m, -ms) with an external NATS server (-ns) is not supported by jstan yet",
                        "-ns", "nats://127.0.0.1:4222", "-m", "8222"),
                mistake("a client certificate for the streaming server needs its key: give both -tls_client_cert and"
                        + " -tls_client_key (client_cert and client_key in the tls block)", "-tls_client_cert", "c.pem"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("mistakes")
    void mistakeIsToldInOneLine(String message, List<String> args) {
        UsageException error = assertThrows(UsageException.class, () -> ArgumentParser.parse(args));
        assertEquals(message, error.getMessage());
    }

    private static Arguments mistake(String message, String... args) {
        return Arguments.of(message, List.of(args));
    }
}

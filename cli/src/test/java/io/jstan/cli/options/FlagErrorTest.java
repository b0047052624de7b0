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
                        + " or cert_file and key_file in the tls block)", "--tlsverify", "--tlscert", "cert.pem"));
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

package io.jstan.broker.nats;

import io.jstan.broker.testing.RawConversation;
import io.jstan.broker.testing.ReferenceNatsServer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Plays raw protocol scripts against the real nats-server and against jstan's embedded server
 * and requires the two transcripts to be equal: same replies, same error texts, same closes.
 * What nats-server answers to each script is kept in
 * {@code src/test/resources/conformance/nats-server-transcripts.txt}.
 */
class ProtocolConformanceTest {
    private static final int SMALL_MAX_PAYLOAD = 1024;
    private static final int MAX_CONTROL_LINE = 4096;

    private static final ServerSettings OPEN = new ServerSettings(null, null, null, null);
    private static final ServerSettings SMALL_PAYLOAD = new ServerSettings(SMALL_MAX_PAYLOAD, null, null, null);
    private static final ServerSettings USER_PASSWORD = new ServerSettings(null, "a", "b", null);
    private static final ServerSettings TOKEN = new ServerSettings(null, null, null, "t");

    @TestFactory
    Stream<DynamicTest> jstanAnswersEachScriptAsNatsServerDoes() {
        return scripts().stream().map(script -> DynamicTest.dynamicTest(script.name(), () -> {
            List<String> expected;
            try (ReferenceNatsServer reference = script.settings().startReference()) {
                expected = script.playAgainst(reference.port());
            }
            List<String> actual;
            try (NatsServer jstan = script.settings().startJstan()) {
                actual = script.playAgainst(jstan.port());
            }
            assertEquals(String.join("\n", expected), String.join("\n", actual),
                    "jstan's transcript differs from nats-server's for script '" + script.name() + "'");
        }));
    }

    static List<Script> scripts() {
        return List.of(
                script("info on connect", OPEN),
                script("connect {} means verbose and pedantic", OPEN,
                        answered("CONNECT {}\r\n"),
                        answered("SUB foo 1\r\n"),
                        answered(pub("foo.*", "pedantic"))),
                script("connect with every client field and an unknown one", OPEN,
                        answered("CONNECT {\"verbose\":true,\"pedantic\":false,\"tls_required\":false,"
                                + "\"name\":\"raw\",\"lang\":\"java\",\"version\":\"1.0\",\"protocol\":1,"
                                + "\"echo\":true,\"headers\":true,\"no_responders\":true,\"unknown\":[1,2]}\r\n")),
                script("connect verbose: +OK on every op", OPEN,
                        answered("CONNECT {\"verbose\":true,\"headers\":true}\r\n"),
                        answered("SUB foo 1\r\n"),
                        answered(pub("foo", "hello")),
                        answered(hpub("foo", "NATS/1.0\r\nA: b\r\n\r\n", "hi")),
                        answered("UNSUB 1\r\n"),
                        answered("PING\r\n"),
                        answered("PONG\r\n")),
                script("connect verbose false: silent ops", OPEN,
                        answered("CONNECT {\"verbose\":false,\"pedantic\":false}\r\n"),
                        answered("SUB foo 1\r\n"),
                        answered(pub("foo", "hello")),
                        answered("UNSUB 1\r\n")),
                script("ping pong", OPEN,
                        answered("CONNECT {\"verbose\":false}\r\n"),
                        answered("PING\r\n"),
                        answered("PING\r\nPING\r\n"),
                        answered("PONG\r\n")),
                script("ops before connect: verbose and pedantic by default", OPEN,
                        answered("SUB foo 1\r\n"),
                        answered(pub("foo.*", "hi")),
                        answered(pub("foo", "hi"))),
                script("ops in any case, args split by tabs and spaces", OPEN,
                        answered("connect {\"verbose\":false}\r\n"),
                        answered("ping\r\n"),
                        answered("sub\tfoo  1\r\n"),
                        answered("pub foo\t \t5\r\nhello\r\n"),
                        answered("Unsub 1\r\n"),
                        answered(pub("foo", "gone"))),
                script("echo false: no own messages", OPEN,
                        answered("CONNECT {\"verbose\":false,\"echo\":false}\r\n"),
                        answered("SUB foo 1\r\n"),
                        answered(pub("foo", "hello"))),
                script("sub pub msg round trip", OPEN,
                        answered("CONNECT {}\r\n"),
                        answered("SUB foo 1\r\n"),
                        answered(pub("foo", "hello")),
                        answered("PUB foo reply.to 5\r\nhello\r\n"),
                        answered(pub("foo", "")),
                        answered(pub("foo", "PING\r\nPONG\r\n")),
                        answered(pub("bar", "nobody listens"))),
                script("wildcard subscriptions", OPEN,
                        answered("CONNECT {}\r\n"),
                        answered("SUB foo.* 1\r\n"),
                        answered(pub("foo.bar", "one")),
                        answered(pub("foo.bar.baz", "none"))),
                script("hpub hmsg with headers", OPEN,
                        answered("CONNECT {\"headers\":true}\r\n"),
                        answered("SUB foo 1\r\n"),
                        answered(hpub("foo", "NATS/1.0\r\nFoo: bar\r\n\r\n", "hello")),
                        answered(hpub("foo", "NATS/1.0\r\n\r\n", "")),
                        answered("HPUB foo reply.to 12 14\r\nNATS/1.0\r\n\r\nhi\r\n")),
                script("unsub with max count", OPEN,
                        answered("CONNECT {}\r\n"),
                        answered("SUB foo 1\r\n"),
                        answered("UNSUB 1 2\r\n"),
                        answered(pub("foo", "1") + pub("foo", "2") + pub("foo", "3")),
                        answered("UNSUB 1\r\n"),
                        answered("UNSUB 99\r\n")),
                script("queue subscriptions: one member per group", OPEN,
                        answered("CONNECT {}\r\n"),
                        answered("SUB foo workers 1\r\n"),
                        answered(pub("foo", "to the only member"))),
                script("queue subscriptions: the remaining member gets it", OPEN,
                        answered("CONNECT {}\r\n"),
                        answered("SUB foo workers 1\r\nSUB foo workers 2\r\n"),
                        answered("UNSUB 1\r\n"),
                        answered(pub("foo", "to member 2"))),
                script("unknown op", OPEN,
                        answered("CONNECT {}\r\n"),
                        closing("FOO bar\r\n")),
                script("pub missing size", OPEN,
                        answered("CONNECT {}\r\n"),
                        closing("PUB foo\r\n")),
                script("pub non-numeric size", OPEN,
                        answered("CONNECT {}\r\n"),
                        closing("PUB foo abc\r\nabc\r\n")),
                script("pub too many args", OPEN,
                        answered("CONNECT {}\r\n"),
                        closing("PUB foo bar baz 5\r\nhello\r\n")),
                script("sub missing sid", OPEN,
                        answered("CONNECT {}\r\n"),
                        closing("SUB foo\r\n")),
                script("unsub missing sid", OPEN,
                        answered("CONNECT {}\r\n"),
                        closing("UNSUB\r\n")),
                script("hpub header size larger than total size", OPEN,
                        answered("CONNECT {\"headers\":true}\r\n"),
                        closing("HPUB foo 14 12\r\nNATS/1.0\r\n\r\n\r\n")),
                script("payload longer than announced", OPEN,
                        answered("CONNECT {}\r\n"),
                        closing("PUB foo 3\r\nhello\r\n")),
                script("payload over max_payload", SMALL_PAYLOAD,
                        answered("CONNECT {}\r\n"),
                        answered(pub("foo", "x".repeat(SMALL_MAX_PAYLOAD))),
                        closing("PUB foo " + (SMALL_MAX_PAYLOAD + 1) + "\r\n")),
                script("hpub over max_payload", SMALL_PAYLOAD,
                        answered("CONNECT {\"headers\":true}\r\n"),
                        closing("HPUB foo 12 " + (SMALL_MAX_PAYLOAD + 1) + "\r\n")),
                script("control line too long", OPEN,
                        answered("CONNECT {}\r\n"),
                        answered("SUB " + "a".repeat(MAX_CONTROL_LINE - 10) + " 1\r\n"),
                        closing("SUB " + "a".repeat(MAX_CONTROL_LINE + 1) + " 2\r\n")),
                script("wildcard in pub subject, pedantic", OPEN,
                        answered("CONNECT {\"pedantic\":true}\r\n"),
                        answered("SUB foo.* 1\r\n"),
                        answered(pub("foo.*", "star")),
                        answered(pub("foo.>", "tail"))),
                script("wildcard in pub subject, not pedantic", OPEN,
                        answered("CONNECT {\"pedantic\":false}\r\n"),
                        answered("SUB foo.* 1\r\n"),
                        answered(pub("foo.*", "star")),
                        answered(pub("foo.>", "tail"))),
                script("invalid sub subject", OPEN,
                        answered("CONNECT {}\r\n"),
                        answered("SUB foo..bar 1\r\n"),
                        answered("SUB foo.>.bar 2\r\n"),
                        answered("SUB foo 3\r\n"),
                        answered(pub("foo", "still open"))),
                script("user/password: op before connect", USER_PASSWORD,
                        closing("PING\r\n")),
                script("user/password: sub before connect", USER_PASSWORD,
                        closing("SUB foo 1\r\n")),
                script("token: op before connect", TOKEN,
                        closing("PING\r\n")),
                script("user/password: wrong password", USER_PASSWORD,
                        closing("CONNECT {\"user\":\"a\",\"pass\":\"wrong\"}\r\n")),
                script("user/password: no credentials", USER_PASSWORD,
                        closing("CONNECT {}\r\n")),
                script("user/password: right password", USER_PASSWORD,
                        answered("CONNECT {\"verbose\":true,\"user\":\"a\",\"pass\":\"b\"}\r\n"),
                        answered("SUB foo 1\r\n"),
                        answered(pub("foo", "hello"))),
                script("token: wrong token", TOKEN,
                        closing("CONNECT {\"auth_token\":\"wrong\"}\r\n")),
                script("token: right token", TOKEN,
                        answered("CONNECT {\"verbose\":true,\"auth_token\":\"t\"}\r\n"),
                        answered("PING\r\n")),
                script("connect headers:false then hpub", OPEN,
                        answered("CONNECT {\"headers\":false}\r\n"),
                        closing(hpub("foo", "NATS/1.0\r\n\r\n", "hi"))),
                script("no_responders request with headers", OPEN,
                        answered("CONNECT {\"headers\":true,\"no_responders\":true}\r\n"),
                        answered("SUB inbox 1\r\n"),
                        answered("PUB nobody.home inbox 2\r\nhi\r\n")),
                script("no_responders without headers", OPEN,
                        closing("CONNECT {\"no_responders\":true}\r\n")),
                script("connect with malformed json", OPEN,
                        closing("CONNECT {not json\r\n")),
                script("connect with null values: defaults kept", OPEN,
                        answered("CONNECT {\"verbose\":null,\"name\":null,\"protocol\":null,\"deep\":{\"a\":[1,{\"b\":null}]}}\r\n")),
                script("connect with a string for a flag", OPEN,
                        closing("CONNECT {\"verbose\":\"true\"}\r\n")),
                script("connect with a number for a flag", OPEN,
                        closing("CONNECT {\"verbose\":1}\r\n")),
                script("connect with a number for a string", OPEN,
                        closing("CONNECT {\"name\":5}\r\n")),
                script("connect with a fraction for protocol", OPEN,
                        closing("CONNECT {\"protocol\":1.0}\r\n")),
                script("connect with a protocol beyond 32 bits", OPEN,
                        closing("CONNECT {\"protocol\":99999999999}\r\n")),
                script("connect with an array", OPEN,
                        closing("CONNECT []\r\n")),
                script("connect with text after the object", OPEN,
                        closing("CONNECT {\"verbose\":true} x\r\n")),
                script("connect with a field twice: the last one counts", OPEN,
                        answered("CONNECT {\"verbose\":true,\"verbose\":false}\r\n")),
                script("msg op from a client", OPEN,
                        answered("CONNECT {}\r\n"),
                        closing("MSG foo 1 2\r\nhi\r\n")));
    }

    private static Script script(String name, ServerSettings settings, Step... steps) {
        return new Script(name, settings, List.of(steps));
    }

    private static Step answered(String sent) {
        return new Step(sent, false);
    }

    private static Step closing(String sent) {
        return new Step(sent, true);
    }

    private static String pub(String subject, String payload) {
        return "PUB " + subject + " " + payload.length() + "\r\n" + payload + "\r\n";
    }

    private static String hpub(String subject, String headers, String payload) {
        return "HPUB " + subject + " " + headers.length() + " " + (headers.length() + payload.length()) + "\r\n"
                + headers + payload + "\r\n";
    }

    /** One write to the server: either answered in order, or expected to make the server close. */
    record Step(String sent, boolean closes) {
    }

    record Script(String name, ServerSettings settings, List<Step> steps) {
        /** What was sent ({@code > }) and received ({@code < }), escaped, with INFO normalised. */
        List<String> playAgainst(int port) throws IOException {
            List<String> transcript = new ArrayList<>();
            try (RawConversation conversation = RawConversation.open(port)) {
                transcript.add(received(conversation.info()));
                for (Step step : steps) {
                    transcript.add("> " + RawConversation.escape(step.sent()));
                    List<String> replies = step.closes()
                            ? conversation.exchangeUntilClosed(step.sent())
                            : conversation.exchange(step.sent());
                    replies.forEach(reply -> transcript.add(received(reply)));
                }
            }
            return transcript;
        }

        private static String received(String reply) {
            return "< " + RawConversation.escape(RawConversation.normalise(reply));
        }
    }

    /** The same settings for both servers; null means the server's default. */
    record ServerSettings(Integer maxPayload, String user, String password, String token) {
        ReferenceNatsServer startReference() throws IOException {
            List<String> args = new ArrayList<>();
            if (user != null) {
                args.addAll(List.of("--user", user, "--pass", password));
            }
            if (token != null) {
                args.addAll(List.of("--auth", token));
            }
            // max_payload and max_control_line have no command-line flag in nats-server 2.9.
            String config = "max_control_line: " + MAX_CONTROL_LINE + "\n"
                    + (maxPayload != null ? "max_payload: " + maxPayload + "\n" : "");
            return ReferenceNatsServer.startWithConfig(config, args.toArray(String[]::new));
        }

        NatsServer startJstan() throws IOException {
            NatsServerOptions options = new NatsServerOptions()
                    .host("127.0.0.1")
                    .port(NatsServerOptions.RANDOM_PORT)
                    .maxControlLine(MAX_CONTROL_LINE)
                    .user(user)
                    .password(password)
                    .authToken(token);
            if (maxPayload != null) {
                options.maxPayload(maxPayload);
            }
            NatsServer server = new NatsServer(options);
            try {
                server.start();
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        }
    }
}

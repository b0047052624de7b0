package io.jstan.broker.nats;

import io.jstan.broker.testing.RequestReplyScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request/reply through jnats ({@link RequestReplyScenarios}) against an in-process server. */
class RequestReplyClientTest {
    @RegisterExtension
    final InProcessServer nats = new InProcessServer();

    @Test
    void requestGetsTheDispatcherResponderReply() throws Exception {
        scenarios().requestGetsTheDispatcherResponderReply();
    }

    @Test
    void concurrentRequestsEachGetTheirOwnReply() throws Exception {
        scenarios().concurrentRequestsEachGetTheirOwnReply();
    }

    @Test
    void oldStyleRequestsUseOneInboxEachAndLeaveNoSubscriptionBehind() throws Exception {
        scenarios().oldStyleRequestsUseOneInboxEach(oldStyle -> {
            long clientId = oldStyle.getServerInfo().getClientId();
            ConnectionInfo onServer = nats.server().connections(true).stream()
                    .filter(c -> c.cid() == clientId).findFirst().orElseThrow();
            // jnats keeps its shared wildcard inbox; each literal per-request inbox ended with its UNSUB 1.
            assertTrue(onServer.subscriptions().stream().allMatch(subject -> subject.endsWith(".*")),
                    "per-request inboxes left behind: " + onServer.subscriptions());
        });
    }

    @Test
    void requestToASubjectNobodyListensOnFailsWithNoResponders() throws Exception {
        scenarios().requestToASubjectNobodyListensOnFailsWithNoResponders();
    }

    private RequestReplyScenarios scenarios() {
        return new RequestReplyScenarios(nats.port());
    }
}

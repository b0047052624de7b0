package io.jstan.cli.it;

import io.jstan.broker.testing.PubSubScenarios;
import io.jstan.broker.testing.RequestReplyScenarios;
import io.jstan.broker.testing.VerboseScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The jnats client scenarios ({@link PubSubScenarios}, {@link RequestReplyScenarios},
 * {@link VerboseScenarios}) against one {@code jstan -a 127.0.0.1 -p -1} process started from the
 * jar with its defaults: each scenario uses subjects of its own, so they can share the process.
 */
@Timeout(60)
class JarClientIT {
    private static JstanJar jstan;
    private static PubSubScenarios pubSub;
    private static RequestReplyScenarios requestReply;
    private static VerboseScenarios verbose;

    @BeforeAll
    static void startJstan() throws Exception {
        jstan = JstanJar.local();
        pubSub = new PubSubScenarios(jstan.port());
        requestReply = new RequestReplyScenarios(jstan.port());
        verbose = new VerboseScenarios(jstan.port());
    }

    @AfterAll
    static void stopJstan() throws Exception {
        JstanJar.closeAll(jstan);
    }

    @Test
    void publishedMessageReachesTheSubscriberOnAnotherConnection() throws Exception {
        pubSub.subscriberReceivesWhatIsPublishedToItsSubject();
    }

    @Test
    void emptyPayloadIsDelivered() throws Exception {
        pubSub.emptyPayloadIsDelivered();
    }

    @Test
    void partialWildcardMatchesExactlyOneToken() throws Exception {
        pubSub.partialWildcardMatchesExactlyOneToken();
    }

    @Test
    void fullWildcardMatchesOneOrMoreTrailingTokens() throws Exception {
        pubSub.fullWildcardMatchesOneOrMoreTrailingTokens();
    }

    @Test
    void queueGroupSplitsMessagesWhileAPlainSubscriberGetsThemAll() throws Exception {
        pubSub.queueGroupSharesMessagesWhilePlainSubscriberGetsThemAll();
    }

    @Test
    void headersRoundTrip() throws Exception {
        pubSub.headersWithSeveralValuesRoundTrip();
    }

    @Test
    void subscriberWithoutHeadersSupportGetsOnlyThePayload() throws Exception {
        pubSub.subscriberWithoutHeadersSupportGetsOnlyThePayload();
    }

    @Test
    void unsubscribeWithMaxDeliversExactlyThree() throws Throwable {
        pubSub.unsubscribeWithMaxDeliversExactlyThatMany(() -> { });
        pubSub.serverStopsDeliveringAtTheUnsubMax();
    }

    @Test
    void noEchoKeepsAConnectionsOwnMessagesFromItsSubscriptions() throws Exception {
        pubSub.noEchoKeepsAConnectionsOwnMessagesFromItsSubscriptions();
    }

    @Test
    void messagesFromOnePublisherArriveInOrder() throws Exception {
        pubSub.messagesFromOnePublisherArriveInOrder();
    }

    @Test
    void binaryPayloadArrivesUnchanged() throws Exception {
        pubSub.binaryPayloadArrivesUnchanged();
    }

    @Test
    void requestGetsTheRespondersReply() throws Exception {
        requestReply.requestGetsTheDispatcherResponderReply();
    }

    @Test
    void concurrentRequestsEachGetTheirOwnReply() throws Exception {
        requestReply.concurrentRequestsEachGetTheirOwnReply();
    }

    @Test
    void oldStyleRequestsUseOneInboxEach() throws Exception {
        requestReply.oldStyleRequestsUseOneInboxEach(oldStyle -> { });
    }

    @Test
    void requestToASubjectNobodyListensOnFailsWithNoResponders() throws Exception {
        requestReply.requestToASubjectNobodyListensOnFailsWithNoResponders();
    }

    @Test
    void jnatsWorksInVerboseMode() throws Exception {
        verbose.jnatsWorksInVerboseMode();
    }

    @Test
    void verboseClientGetsOkForConnectSubPubAndUnsub() throws Exception {
        verbose.everyConnectPubSubAndUnsubIsAcknowledged();
    }
}

package io.jstan.raft;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.sofa.jraft.JRaftUtils;
import com.alipay.sofa.jraft.util.timer.Timer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoarseRaftTimerFactoryTest {

    @Test
    void sofaJRaftMakesItsTimersWithJstansFactory() throws InterruptedException {
        assertInstanceOf(CoarseRaftTimerFactory.class, JRaftUtils.raftTimerFactory());
        Timer timer = JRaftUtils.raftTimerFactory().createTimer("test-timer");
        try {
            CountDownLatch fired = new CountDownLatch(1);
            timer.newTimeout(timeout -> fired.countDown(), 50, TimeUnit.MILLISECONDS);
            assertTrue(fired.await(10, TimeUnit.SECONDS));
        } finally {
            timer.stop();
        }
    }
}

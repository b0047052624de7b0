package io.jstan.raft;

import com.alipay.sofa.jraft.util.NamedThreadFactory;
import com.alipay.sofa.jraft.util.SPI;
import com.alipay.sofa.jraft.util.timer.DefaultRaftTimerFactory;
import com.alipay.sofa.jraft.util.timer.HashedWheelTimer;
import com.alipay.sofa.jraft.util.timer.Timer;

import java.util.concurrent.TimeUnit;

/**
 * SOFAJRaft's timers (election, vote, step-down, snapshot: a thread each per node) ticking every
 * {@value #TICK_MILLIS} ms rather than every millisecond. They time hundreds of milliseconds and
 * more, and each tick wakes its thread: at 1 ms the four of an idle node took 6% of a core, which
 * two cores shared by three nodes and their clients feel. Chosen over SOFAJRaft's own factory by
 * its {@link SPI} priority (META-INF/services).
 */
@SPI(priority = 1)
public final class CoarseRaftTimerFactory extends DefaultRaftTimerFactory {
    static final int TICK_MILLIS = 10;

    @Override
    public Timer createTimer(String name) {
        return new HashedWheelTimer(new NamedThreadFactory(name, true), TICK_MILLIS, TimeUnit.MILLISECONDS, 2048);
    }
}

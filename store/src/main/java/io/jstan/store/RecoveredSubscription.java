package io.jstan.store;

import io.jstan.store.proto.SubState;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** A recovered subscription with the sequences sent to it and not yet acknowledged. */
public record RecoveredSubscription(SubState state, SortedSet<Long> pending) {

    public RecoveredSubscription {
        pending = Collections.unmodifiableSortedSet(new TreeSet<>(pending));
    }
}

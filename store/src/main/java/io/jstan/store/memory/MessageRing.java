package io.jstan.store.memory;

import io.jstan.store.proto.MsgProto;
import java.util.Objects;

/** A growable circular array of messages: O(1) append, removal of the oldest and access by position. */
final class MessageRing {

    private static final int MIN_CAPACITY = 16;

    private MsgProto[] slots = new MsgProto[MIN_CAPACITY];
    private int head;
    private int size;

    int size() {
        return size;
    }

    void addLast(MsgProto message) {
        if (size == slots.length) {
            resize(slots.length * 2);
        }
        slots[slot(size)] = message;
        size++;
    }

    MsgProto removeFirst() {
        if (size == 0) {
            throw new IllegalStateException("no message to remove");
        }
        MsgProto first = slots[head];
        slots[head] = null;
        head = slot(1);
        size--;
        // Shrinking at a quarter (not half) keeps alternating adds and removes from resizing each time.
        if (slots.length > MIN_CAPACITY && size <= slots.length / 4) {
            resize(slots.length / 2);
        }
        return first;
    }

    MsgProto get(int index) {
        return slots[slot(Objects.checkIndex(index, size))];
    }

    void clear() {
        slots = new MsgProto[MIN_CAPACITY];
        head = 0;
        size = 0;
    }

    private int slot(int index) {
        return (head + index) & (slots.length - 1);
    }

    private void resize(int capacity) {
        MsgProto[] resized = new MsgProto[capacity];
        for (int i = 0; i < size; i++) {
            resized[i] = slots[slot(i)];
        }
        slots = resized;
        head = 0;
    }
}

package io.jstan.broker.monitor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * JSON as nats-server's Go encoder writes it, so scripts written against nats-server read the same text:
 * times in RFC 3339 with trailing zeros of the nanoseconds dropped, whole floats without ".0", and
 * MarshalIndent's two-space layout.
 */
final class GoJson {
    /** Go's time.RFC3339Nano, always in UTC. */
    private static final DateTimeFormatter RFC3339_NANO = new DateTimeFormatterBuilder().appendInstant(-1).toFormatter();
    private static final String NEWLINE = "\n";

    private final ObjectWriter indented;
    private final ObjectWriter compact;

    GoJson() {
        SimpleModule goFormats = new SimpleModule("go-formats")
                .addSerializer(Instant.class, new InstantSerializer())
                .addSerializer(Double.class, new FloatSerializer())
                .addSerializer(double.class, new FloatSerializer());
        ObjectMapper mapper = new ObjectMapper().registerModule(goFormats);
        DefaultIndenter indenter = new DefaultIndenter("  ", NEWLINE);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        indented = mapper.writer(printer);
        compact = mapper.writer();
    }

    byte[] write(Object document, boolean indent) {
        try {
            return (indent ? indented : compact).writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class InstantSerializer extends StdSerializer<Instant> {
        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(RFC3339_NANO.format(value));
        }
    }

    private static final class FloatSerializer extends StdSerializer<Double> {
        /** Whole values this small are written as integers; the values monitoring reports never come near it. */
        private static final double LARGEST_PLAIN_WHOLE = 1e18;

        FloatSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            double d = value;
            if (d == Math.rint(d) && Math.abs(d) < LARGEST_PLAIN_WHOLE) {
                generator.writeNumber((long) d);
            } else {
                generator.writeNumber(d);
            }
        }
    }
}

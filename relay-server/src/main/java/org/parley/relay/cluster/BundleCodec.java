package org.parley.relay.cluster;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.parley.relay.protocol.FrameReader;
import org.parley.relay.protocol.HelloFrame;
import org.parley.relay.protocol.InboundFrame;
import org.parley.relay.protocol.KeyBundle;
import org.parley.relay.protocol.UserBundle;

/**
 * A user's name and key bundle as other nodes read it from Redis: written as a {@code hello} frame
 * and read back with the relay's own {@link FrameReader}, so a bundle from Redis passes the same format
 * checks as one from a client (its signature was verified by the node where the user logged in).
 *
 * <p>Threading: thread-safe.
 */
final class BundleCodec {
    private static final JsonFactory JSON = new JsonFactory();
    private static final FrameReader READER = new FrameReader(1, 1 << 20);

    private BundleCodec() {
    }

    static String encode(UserBundle user) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            KeyBundle b = user.bundle();
            g.writeStartObject();
            g.writeStringField("type", "hello");
            g.writeNumberField("v", FrameReader.PROTOCOL_VERSION);
            g.writeStringField("id", "cluster");
            g.writeStringField("user", user.user());
            g.writeObjectFieldStart("bundle");
            g.writeStringField("identity", b.identity());
            g.writeObjectFieldStart("keys");
            for (Map.Entry<String, String> k : b.keys().entrySet()) {
                g.writeStringField(k.getKey(), k.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("created", b.created());
            g.writeStringField("sig", b.sig());
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The user in {@code json}, or empty if it is not a well-formed bundle (never trusted blindly). */
    static Optional<UserBundle> decode(String json) {
        InboundFrame frame = READER.read(Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8)));
        return frame instanceof HelloFrame h ? Optional.of(new UserBundle(h.user(), h.bundle())) : Optional.empty();
    }
}

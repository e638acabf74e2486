package org.parley.relay.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.relay.TestClient;
import org.parley.relay.TestIdentity;
import org.parley.relay.metrics.RelayMetrics;
import org.parley.relay.protocol.ErrorCode;
import org.parley.relay.protocol.FrameWriter;
import org.parley.relay.protocol.RefusedRecipient;
import org.parley.relay.protocol.SendFrame;
import org.parley.relay.protocol.UserBundle;
import org.parley.relay.registry.InMemoryUserRegistry;
import org.parley.relay.registry.RegisteredUser;
import org.parley.relay.registry.UserRegistry;
import org.parley.relay.session.Broadcaster;
import org.parley.relay.session.OnlineUser;
import org.parley.relay.session.UserDirectory;

class RecipientsTest {
    /** Remembers which names were looked up. */
    private static final class CountingRegistry implements UserRegistry {
        final InMemoryUserRegistry registry = new InMemoryUserRegistry();
        final List<String> asked = new ArrayList<>();

        @Override
        public Optional<RegisteredUser> find(String user) {
            asked.add(user);
            return registry.find(user);
        }

        @Override
        public RegisteredUser bind(String user, byte[] identityKey, long nowMillis) {
            return registry.bind(user, identityKey, nowMillis);
        }

        @Override
        public void close() {
        }
    }

    private final CountingRegistry registry = new CountingRegistry();
    private final UserDirectory directory = new UserDirectory(
            new Broadcaster(new FrameWriter(), ByteBufAllocator.DEFAULT, new RelayMetrics()));

    private void online(String name) {
        registry.bind(name, new byte[32], 0);
        directory.join(new OnlineUser(new UserBundle(name, TestIdentity.generate().bundle(name)), new EmbeddedChannel()));
    }

    private static SendFrame to(String... names) {
        return new SendFrame("m1", List.of(names), false, "rsa-oaep-aes-gcm", "AQAB", 1795000000100L, TestClient.SIG);
    }

    @Test
    void onlineRecipientsAreNotLookedUpInTheRegistryAndMakeAllOnline() {
        online("bob");
        online("carol");
        Recipients r = Recipients.of(to("bob", "alice", "carol"), "alice", directory, registry);
        assertEquals(List.of("bob", "carol"), r.registered());
        assertEquals(List.of(), r.refused());
        assertTrue(r.allOnline());
        assertEquals(List.of(), registry.asked, "no registry lookup for users logged in here");
    }

    @Test
    void offlineRegisteredAndUnknownNamesAreLookedUp() {
        online("bob");
        registry.bind("dave", new byte[32], 0); // registered, offline
        Recipients r = Recipients.of(to("bob", "dave", "mallory"), "alice", directory, registry);
        assertEquals(List.of("bob", "dave"), r.registered());
        assertEquals(List.of(new RefusedRecipient("mallory", ErrorCode.UNKNOWN_RECIPIENT)), r.refused());
        assertFalse(r.allOnline(), "dave is offline: the message must be written at once");
        assertEquals(List.of("dave", "mallory"), registry.asked);
    }
}

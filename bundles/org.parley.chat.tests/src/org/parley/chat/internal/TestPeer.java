package org.parley.chat.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.parley.identity.Ed25519;
import org.parley.identity.IdentityKeyPair;
import org.parley.identity.SignedBytes;
import org.parley.identity.SignedKeyBundle;
import org.parley.protocol.Bytes;
import org.parley.protocol.Frame;
import org.parley.protocol.KeyBundle;

/** Another user as the tests play it: an identity key, published scheme keys, and signed messages. */
final class TestPeer {

    final String name;
    final IdentityKeyPair identity;
    final Map<String, byte[]> keys;

    TestPeer(String name, Map<String, byte[]> keys) {
        this(name, Ed25519.generate(), keys);
    }

    TestPeer(String name, IdentityKeyPair identity, Map<String, byte[]> keys) {
        this.name = name;
        this.identity = identity;
        this.keys = new TreeMap<>(keys);
    }

    /** The same user with a new identity key (a reinstall, or an impostor). */
    TestPeer withNewIdentity() {
        return new TestPeer(name, keys);
    }

    KeyBundle bundle() {
        return Login.toWire(SignedKeyBundle.sign(name, identity, keys, 1795000000000L));
    }

    KeyBundle.Entry entry() {
        return new KeyBundle.Entry(name, bundle());
    }

    /**
     * A deliver as an honest relay would hand it on: sealed with {@code remote} (scheme id
     * {@code scheme}) for {@code recipientKey} with the protocol's associated data, signed by this peer.
     */
    Frame.Deliver deliver(FakeScheme remote, String scheme, byte[] recipientKey, String id, boolean everyone,
            String text, long cts) throws GeneralSecurityException {
        byte[] body = remote.sealFor(recipientKey, AssociatedData.of(id, name, scheme),
                text.getBytes(StandardCharsets.UTF_8));
        return signed(id, everyone, scheme, body, cts);
    }

    /** A deliver of {@code body} from this peer, signed by this peer's identity key. */
    Frame.Deliver signed(String id, boolean everyone, String scheme, byte[] body, long cts) {
        List<String> to = List.of("alice");
        byte[] sig = identity.sign(SignedBytes.envelope(name, id, scheme, everyone, to, cts, body));
        return new Frame.Deliver(id, name, 1795000000000L, to, everyone, scheme, Bytes.of(body), cts, Bytes.of(sig));
    }
}

package org.parley.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.identity.Ed25519;
import org.parley.identity.SignedBytes;
import org.parley.protocol.Frame;
import org.parley.protocol.FrameCodec;
import org.parley.protocol.KeyBundle;

/**
 * The signatures in the protocol's golden vectors are real (golden/README.md): bundles, auth and
 * envelopes verify with this client's code, and the keys come from the documented seeds.
 */
class GoldenSignaturesTest {

    private final FrameCodec codec = new FrameCodec();

    private Frame read(String name) throws Exception {
        Path dir = List.of("../org.parley.protocol/golden", "bundles/org.parley.protocol/golden").stream()
                .map(Paths::get).filter(Files::isDirectory).findFirst().orElseThrow();
        String text = Files.readString(dir.resolve(name), StandardCharsets.UTF_8).strip();
        return codec.decode(text, FrameCodec.DEFAULT_MAX_FRAME_BYTES);
    }

    private static byte[] key(String user) throws Exception {
        byte[] seed = MessageDigest.getInstance("SHA-256")
                .digest(("parley-golden-" + user).getBytes(StandardCharsets.UTF_8));
        return Ed25519.fromSeed(seed).publicKey();
    }

    @Test
    void bundlesVerify() throws Exception {
        KeyBundle alice = ((Frame.Hello) read("hello.json")).bundle();
        org.junit.jupiter.api.Assertions.assertArrayEquals(key("alice"), alice.identity().toByteArray());
        TrustKeeper.verify("alice", alice);
        for (KeyBundle.Entry e : ((Frame.Welcome) read("welcome.json")).users()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(key(e.user()), e.bundle().identity().toByteArray());
            TrustKeeper.verify(e.user(), e.bundle());
        }
        TrustKeeper.verify("bob", ((Frame.Presence) read("presence-join.json")).bundle().orElseThrow());
    }

    @Test
    void authVerifiesOverTheChallengeWithAnEmptyFingerprint() throws Exception {
        Frame.Challenge challenge = (Frame.Challenge) read("challenge.json");
        Frame.Auth auth = (Frame.Auth) read("auth.json");
        Ed25519.verify(key("alice"), SignedBytes.auth("alice", challenge.nonce().toByteArray(), ""),
                auth.sig().toByteArray());
    }

    @Test
    void envelopesVerify() throws Exception {
        Frame.Deliver d = (Frame.Deliver) read("deliver.json");
        Ed25519.verify(key(d.from()), SignedBytes.envelope(d.from(), d.id(), d.scheme(), d.everyone(), d.to(), d.cts(),
                d.body().toByteArray()), d.sig().toByteArray());
        for (String name : List.of("send.json", "send-everyone.json", "send-everyone-nobody.json")) {
            Frame.Send s = (Frame.Send) read(name);
            Ed25519.verify(key("alice"), SignedBytes.envelope("alice", s.id(), s.scheme(), s.everyone(), s.to(),
                    s.cts(), s.body().toByteArray()), s.sig().toByteArray());
        }
    }
}

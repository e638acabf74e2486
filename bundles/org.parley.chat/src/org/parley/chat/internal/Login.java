package org.parley.chat.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.parley.chat.ChatException;
import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.identity.Identity;
import org.parley.identity.SignedBytes;
import org.parley.identity.SignedKeyBundle;
import org.parley.protocol.Bytes;
import org.parley.protocol.Formats;
import org.parley.protocol.Frame;
import org.parley.protocol.KeyBundle;

/**
 * The login of PROTOCOL.md §3: {@code hello} with the signed key bundle, the answer to
 * {@code challenge} (the identity key's signature over the AUTH bytes, bound to the relay certificate
 * this connection saw), and recognising the {@code welcome} that answers it. Confined to the client's
 * event executor, except {@link #prepare}, which works in the background.
 *
 * <h3>Security guarantees</h3>
 * Refuses to log in without an unlocked identity or under another user name than the identity's, and
 * answers only the one challenge that refers to this session's hello.
 */
final class Login {

    private final SchemeRegistry schemes;
    private final AllowedSchemes allowed;
    private final Identities identities;
    private final Clock clock;

    Login(SchemeRegistry schemes, AllowedSchemes allowed, Identities identities, Clock clock) {
        this.schemes = schemes;
        this.allowed = allowed;
        this.identities = identities;
        this.clock = clock;
    }

    /** Checks, before dialling, that an identity is unlocked and belongs to {@code user}. */
    void check(String user) throws ChatException {
        Identity identity = identities.current().orElseThrow(() -> new ChatException(
                "No identity is unlocked: create or unlock your identity before connecting."));
        if (!identity.user().equals(user)) {
            throw new ChatException("Your identity belongs to '" + identity.user() + "'; you cannot log in as '"
                    + user + "'. Log in as " + identity.user() + " or import that user's identity.");
        }
    }

    /**
     * Makes sure the identity has key pairs for the allowed installed schemes (at most 16, default
     * first): generates and saves missing ones in the background.
     */
    CompletableFuture<Identity> prepare() {
        List<CryptoScheme> published = published();
        if (published.isEmpty()) {
            return CompletableFuture.failedFuture(
                    new ChatException("No encryption scheme is installed and allowed that could make a key."));
        }
        return identities.ensureKeys(published);
    }

    /** Records the identity and its published key pairs in the session; false if none is usable. */
    boolean adopt(Session s, Identity identity) {
        Map<String, SchemeKeyPair> keys = new TreeMap<>();
        for (CryptoScheme scheme : published()) {
            SchemeKeyPair pair = identity.schemeKeys().get(scheme.info().id());
            int size = pair == null ? 0 : pair.publicKey().length;
            if (size > 0 && size <= Formats.MAX_KEY_BYTES) {
                keys.put(scheme.info().id(), pair);
            }
        }
        s.identity = identity;
        s.keys = keys;
        return !keys.isEmpty();
    }

    /** The installed and allowed schemes the session's bundle lacks a key for (installed since it logged in). */
    List<String> unpublished(Session s) {
        return published().stream().map(scheme -> scheme.info().id()).filter(id -> !s.keys.containsKey(id)).toList();
    }

    Frame.Hello hello(Session s) {
        SignedKeyBundle bundle = s.identity.bundle(s.keys.keySet(), clock.millis());
        return new Frame.Hello(s.helloId, s.user, toWire(bundle));
    }

    /** The {@code auth} answering {@code c}, if it answers this session's hello and is the first. */
    Optional<Frame.Auth> answer(Session s, Frame.Challenge c) {
        if (s.challenged || !c.ref().equals(s.helloId)) {
            return Optional.empty();
        }
        s.challenged = true;
        // empty over ws://: there is no certificate to bind to (PROTOCOL.md §4.1)
        String fingerprint = s.link.flatMap(RelayLink::certificateFingerprint).orElse("");
        byte[] signed = SignedBytes.auth(s.user, c.nonce().toByteArray(), fingerprint);
        return Optional.of(new Frame.Auth(s.authId, Bytes.of(s.identity.sign(signed))));
    }

    /** Whether {@code w} accepts this session's login. */
    boolean welcomes(Session s, Frame.Welcome w) {
        return !s.welcomed && s.challenged && w.ref().equals(s.authId) && w.user().equals(s.user);
    }

    static KeyBundle toWire(SignedKeyBundle b) {
        Map<String, Bytes> keys = b.keys().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Bytes.of(e.getValue())));
        return new KeyBundle(Bytes.of(b.identityKey()), keys, b.created(), Bytes.of(b.signature()));
    }

    private List<CryptoScheme> published() {
        List<CryptoScheme> usable = allowed.filter(schemes.list());
        return usable.subList(0, Math.min(Formats.MAX_KEYS, usable.size()));
    }
}

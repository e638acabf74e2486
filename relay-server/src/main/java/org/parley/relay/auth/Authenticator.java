package org.parley.relay.auth;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.parley.relay.protocol.AuthFrame;
import org.parley.relay.protocol.ErrorCode;
import org.parley.relay.protocol.ErrorFrame;
import org.parley.relay.protocol.HelloFrame;
import org.parley.relay.registry.RegisteredUser;
import org.parley.relay.registry.RegistryException;
import org.parley.relay.registry.UserRegistry;

/**
 * The relay's login decisions (PROTOCOL.md §3.1, §4.1, §4.2), without any Netty: a {@code hello}'s
 * bundle must carry a valid self-signature and the name must not be bound to another identity key;
 * the {@code auth} must sign a fresh nonce together with the name and this relay's certificate
 * fingerprint, so it cannot be replayed in another session or through another relay (a man in the
 * middle presents a different certificate). A proven key is bound to its name for good on first login.
 *
 * <p>Threading: thread-safe; one instance per relay, called from every event loop.
 */
public final class Authenticator {
    /** Bytes of a challenge nonce. */
    public static final int NONCE_BYTES = 32;

    private final UserRegistry registry;
    private final SecureRandom random;
    private final String fingerprint;
    private final Clock clock;

    /**
     * @param fingerprint the relay certificate's SHA-256 as 64 lower-case hex digits, or empty in
     *                    plaintext mode
     */
    public Authenticator(UserRegistry registry, SecureRandom random, String fingerprint, Clock clock) {
        this.registry = registry;
        this.random = random;
        this.fingerprint = fingerprint;
        this.clock = clock;
    }

    /** Why {@code hello} is refused ({@code bad-bundle} or {@code name-registered}), or empty. */
    public Optional<ErrorFrame> refusal(HelloFrame hello) {
        byte[] identity = hello.bundle().identityKey();
        try {
            Ed25519Verifier.verify(identity, SignedBytes.bundle(hello.user(), hello.bundle()),
                    Base64.getDecoder().decode(hello.bundle().sig()));
        } catch (GeneralSecurityException e) {
            return Optional.of(ErrorFrame.of(ErrorCode.BAD_BUNDLE, "the key bundle's signature does not verify",
                    hello.id()));
        }
        Optional<RegisteredUser> bound = registry.find(hello.user());
        if (bound.isPresent() && !bound.get().hasIdentityKey(identity)) {
            return Optional.of(ErrorFrame.of(ErrorCode.NAME_REGISTERED,
                    "this user name is registered to another identity key", hello.id()));
        }
        return Optional.empty();
    }

    /** A fresh challenge for an acceptable {@code hello}. */
    public Challenge challenge(HelloFrame hello) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return new Challenge(hello.user(), hello.bundle(), Base64.getEncoder().encodeToString(nonce));
    }

    /** @throws GeneralSecurityException if {@code auth} does not sign {@code challenge} for this relay */
    public void verify(Challenge challenge, AuthFrame auth) throws GeneralSecurityException {
        byte[] signed = SignedBytes.auth(challenge.user(), Base64.getDecoder().decode(challenge.nonce()), fingerprint);
        Ed25519Verifier.verify(challenge.bundle().identityKey(), signed, Base64.getDecoder().decode(auth.sig()));
    }

    /**
     * Binds the challenge's name to its identity key unless it is bound already (durably, before this
     * returns). Blocks for one disk sync on a first login.
     *
     * @return false if the name is bound to another key (a concurrent first login with another key won)
     */
    public boolean bind(Challenge challenge) throws RegistryException {
        byte[] identity = challenge.bundle().identityKey();
        return registry.bind(challenge.user(), identity, clock.millis()).hasIdentityKey(identity);
    }
}

package org.parley.crypto.api;

import java.security.GeneralSecurityException;

/**
 * An end-to-end encryption scheme: generates its own encryption key pairs, seals one plaintext for a
 * list of recipients and opens what was sealed for the local user.
 *
 * <p>Implementations are registered as OSGi services with the service property
 * {@value #SCHEME_ID_PROPERTY} equal to {@link SchemeInfo#id()}; consumers receive the set of schemes
 * injected and never look a scheme up statically.
 *
 * <h3>Security guarantees</h3>
 * <ul>
 *   <li>Confidentiality: only holders of a recipient private key can recover the plaintext.</li>
 *   <li>Integrity of the sealed bytes and of {@code associatedData}: any modification of either makes
 *       {@link #open} throw.</li>
 * </ul>
 *
 * <h3>WARNING</h3>
 * A scheme gives <b>no sender authenticity</b>: anybody holding a recipient's public key can seal a
 * message for it. Parley signs every envelope with the sender's identity key outside the scheme; never
 * treat a successfully opened message as coming from anyone in particular.
 *
 * <h3>Threading</h3>
 * Implementations must be safe for concurrent use. Per-peer state, where a scheme needs it, lives in the
 * {@link SchemeState} the caller passes in, never in the scheme object.
 */
public interface CryptoScheme {

    /** OSGi service property carrying the scheme id. */
    String SCHEME_ID_PROPERTY = "parley.scheme.id";

    /** Identifies this scheme; never null. */
    SchemeInfo info();

    /**
     * Generates a fresh encryption key pair for this scheme. May take hundreds of milliseconds (RSA):
     * never call it on a UI thread.
     */
    SchemeKeyPair generateKeyPair() throws GeneralSecurityException;

    /**
     * Encrypts {@code request.plaintext()} so that every listed recipient can open it.
     *
     * @param state where a stateful scheme keeps per-peer state; stateless schemes ignore it
     * @return the sealed bytes, self-describing (versioned header); never null
     * @throws GeneralSecurityException if a recipient key is malformed or the input exceeds a limit
     */
    byte[] seal(SealRequest request, SchemeState state) throws GeneralSecurityException;

    /**
     * Decrypts what {@link #seal} produced for the local user.
     *
     * @return the plaintext; never null
     * @throws GeneralSecurityException if the bytes were not sealed for this key, were modified, or
     *     the associated data differs from the one used to seal
     */
    byte[] open(OpenRequest request, SchemeState state) throws GeneralSecurityException;
}

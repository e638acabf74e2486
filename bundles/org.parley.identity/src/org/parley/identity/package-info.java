/**
 * The local user's long-term identity and what Parley builds on it (docs/PROTOCOL.md §2, §4): Ed25519
 * identity keys ({@link org.parley.identity.Ed25519}), the exact signed byte strings
 * ({@link org.parley.identity.SignedBytes}), signed key bundles, fingerprints and safety numbers, the
 * passphrase-protected identity file ({@link org.parley.identity.IdentityStore}), trust-on-first-use pins
 * of other users' identity keys ({@link org.parley.identity.TrustStore}) and the receiver's replay guard.
 * Plain Java and Bouncy Castle; no OSGi.
 */
package org.parley.identity;

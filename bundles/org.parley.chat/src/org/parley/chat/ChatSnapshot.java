package org.parley.chat;

import java.util.List;
import java.util.Optional;

/**
 * The state of the chat service at one moment.
 *
 * @param state connection state
 * @param relay the relay address, if connecting or connected
 * @param user the local user name, if logged in
 * @param relayFingerprint SHA-256 fingerprint of the relay's TLS certificate, if connected over TLS
 * @param tlsProtocol the negotiated TLS version (for example {@code TLSv1.3}), if connected over TLS
 * @param contacts the known users other than the local user: those online now, sorted by name, then those
 *     offline whose key bundle is remembered from an earlier session, sorted by name (see
 *     {@link Contact#online()}); empty while not connected
 */
public record ChatSnapshot(ConnectionState state, Optional<String> relay, Optional<String> user,
        Optional<String> relayFingerprint, Optional<String> tlsProtocol, List<Contact> contacts) {

    public ChatSnapshot {
        contacts = List.copyOf(contacts);
    }
}

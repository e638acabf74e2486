package org.parley.relay.protocol;

/**
 * {@code auth}: the answer to {@code challenge}.
 *
 * @param id  frame id, echoed as {@code ref} in {@code welcome}; validated id syntax
 * @param sig canonical base64 of a 64-byte Ed25519 signature over the AUTH bytes (PROTOCOL.md §4.1)
 */
public record AuthFrame(String id, String sig) implements InboundFrame {
    @Override
    public String toString() {
        return "AuthFrame[id=" + id + "]";
    }
}

package org.parley.relay.protocol;

import java.util.List;

/**
 * {@code send}: the routing header of a message plus the parts the relay forwards untouched.
 *
 * @param id       message id (validated syntax)
 * @param to       recipients the body is sealed for; distinct valid user names, at most
 *                 {@code --max-recipients}; empty only if {@code everyone}
 * @param everyone deliver to everyone online except the sender instead of only {@code to}
 * @param scheme   scheme id (validated syntax)
 * @param body     the sealed bytes as the client's base64 string, never decoded by the relay
 * @param cts      the sender's clock in ms; forwarded, never interpreted
 * @param sig      canonical base64 of the sender's 64-byte envelope signature; forwarded, never verified
 */
public record SendFrame(String id, List<String> to, boolean everyone, String scheme, String body, long cts,
        String sig) implements InboundFrame {
    public SendFrame {
        to = List.copyOf(to);
    }

    @Override
    public String toString() {
        // Never print the body, not even ciphertext, nor the signature.
        return "SendFrame[id=" + id + ", to=" + to + ", everyone=" + everyone + ", scheme=" + scheme
                + ", body=" + body.length() + " chars]";
    }
}

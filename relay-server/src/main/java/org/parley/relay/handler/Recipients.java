package org.parley.relay.handler;

import java.util.ArrayList;
import java.util.List;
import org.parley.relay.protocol.ErrorCode;
import org.parley.relay.protocol.RefusedRecipient;
import org.parley.relay.protocol.SendFrame;
import org.parley.relay.registry.UserRegistry;

/**
 * The recipients of a direct {@code send}, split by the one rule both stores share: the sender never
 * receives its own message, registered names are stored for, unknown ones are refused.
 *
 * <p>Threading: a value; {@link #of} runs on the caller's thread (the registry may block, see its docs).
 */
record Recipients(List<String> registered, List<RefusedRecipient> refused) {

    static Recipients of(SendFrame send, String sender, UserRegistry registry) {
        List<String> registered = new ArrayList<>(send.to().size());
        List<RefusedRecipient> refused = new ArrayList<>(0);
        for (String name : send.to()) {
            if (name.equals(sender)) {
                continue; // a sender never receives its own message
            }
            if (registry.isRegistered(name)) {
                registered.add(name);
            } else {
                refused.add(new RefusedRecipient(name, ErrorCode.UNKNOWN_RECIPIENT));
            }
        }
        return new Recipients(registered, refused);
    }
}

package org.parley.relay.handler;

import java.util.ArrayList;
import java.util.List;
import org.parley.relay.protocol.ErrorCode;
import org.parley.relay.protocol.RefusedRecipient;
import org.parley.relay.protocol.SendFrame;
import org.parley.relay.registry.UserRegistry;
import org.parley.relay.session.UserDirectory;

/**
 * The recipients of a direct {@code send}, split by the one rule both stores share: the sender never
 * receives its own message, registered names are stored for, unknown ones are refused. A name logged in
 * on this relay is registered (login binds it first), so the registry is asked only about the others:
 * a registry lookup (a B-tree read, or a Redis round trip in a cluster) is far dearer than the
 * directory's hash lookup, and between online users it is the common case. {@code allOnline}: every
 * registered recipient was logged in on this relay at the lookup (a hint; it may change at once).
 *
 * <p>Threading: a value; {@link #of} runs on the caller's thread (the registry may block, see its docs).
 */
record Recipients(List<String> registered, List<RefusedRecipient> refused, boolean allOnline) {

    static Recipients of(SendFrame send, String sender, UserDirectory directory, UserRegistry registry) {
        List<String> registered = new ArrayList<>(send.to().size());
        List<RefusedRecipient> refused = new ArrayList<>(0);
        boolean allOnline = true;
        for (String name : send.to()) {
            if (name.equals(sender)) {
                continue; // a sender never receives its own message
            }
            if (directory.find(name).isPresent()) {
                registered.add(name);
            } else if (registry.isRegistered(name)) {
                registered.add(name);
                allOnline = false;
            } else {
                refused.add(new RefusedRecipient(name, ErrorCode.UNKNOWN_RECIPIENT));
            }
        }
        return new Recipients(registered, refused, allOnline);
    }
}

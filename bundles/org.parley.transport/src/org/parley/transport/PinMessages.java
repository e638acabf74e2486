package org.parley.transport;

/** The user-facing texts of pin failures, kept together so they stay consistent. */
final class PinMessages {

    private PinMessages() {
    }

    static String changed(String hostPort, String pinned, String presented, String store) {
        return "The TLS certificate of relay " + hostPort + " has changed since it was first trusted.\n"
                + "  pinned:    " + pinned + "\n"
                + "  presented: " + presented + "\n"
                + "Someone may be intercepting the connection, or the relay's operator replaced its certificate. "
                + "Ask the operator for the relay's SHA-256 fingerprint (the relay prints it when it starts). "
                + "Only if it equals the presented one, remove the pin for " + hostPort + " from " + store
                + " and connect again.";
    }

    static String explicitMismatch(String hostPort, String expected, String presented) {
        return "The TLS certificate of relay " + hostPort + " does not match the fingerprint given.\n"
                + "  expected:  " + expected + "\n"
                + "  presented: " + presented + "\n"
                + "Check the fingerprint with the relay's operator; the connection was not made.";
    }
}

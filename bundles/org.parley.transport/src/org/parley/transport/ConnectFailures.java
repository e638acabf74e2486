package org.parley.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import javax.net.ssl.SSLException;

/** Turns what java.net.http throws into {@link TransportException}s with messages fit for users. */
final class ConnectFailures {

    private ConnectFailures() {
    }

    static TransportException connectFailed(String hostPort, Throwable failure) {
        Throwable t = unwrap(failure);
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CertificatePinException pin) {
                return new TransportException(pin.getMessage(), pin);
            }
            if (c instanceof TransportException te) {
                return te;
            }
        }
        return new TransportException("Could not connect to relay " + hostPort + ": " + describe(t), t);
    }

    static String describe(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (t instanceof WebSocketHandshakeException ws) {
            return "the server did not accept the WebSocket upgrade (HTTP status " + ws.getResponse().statusCode()
                    + "); is this a Parley relay?";
        }
        if (t instanceof UnknownHostException) {
            return "unknown host";
        }
        if (t instanceof ConnectException) {
            return "connection refused (is the relay running on that port?)";
        }
        if (t instanceof SSLException) {
            return "the TLS handshake failed (" + t.getMessage() + ")";
        }
        if (t instanceof IOException && t.getMessage() != null) {
            return t.getMessage();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}

package org.parley.chat.internal;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** Opens {@link RelayLink}s. */
@FunctionalInterface
public interface RelayDialer {

    /**
     * Connects to {@code relay}.
     *
     * @return completes with the open link, or exceptionally with an exception whose message is fit
     *     for a user (for example the transport's explanation of a changed certificate)
     */
    CompletableFuture<RelayLink> dial(URI relay, RelayLink.Inbound inbound);
}

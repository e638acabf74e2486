package org.parley.chat.internal;

import java.util.Objects;

import org.parley.chat.ChatEvent;
import org.parley.chat.ChatListener;
import org.parley.chat.ConnectionState;
import org.parley.chat.internal.history.LocalHistory;

/**
 * Ties a client to its local history: the history records the client's events, and after every login
 * the messages the history still has as SENDING go out again. Those are the ones a previous run of
 * Parley wrote but the relay never accepted, because Parley was closed or crashed first; without this
 * they would stay "sending" forever after a restart. {@link ChatClient#resendUnsent} skips the
 * messages of the current run (its outbox resends those) and fails the ones too old to go out unasked.
 *
 * <h3>Threading</h3>
 * {@link #onEvent} runs on the client's event thread and only asks the history, which answers on its
 * own thread; the client then queues the resends on its event thread again.
 */
public final class HistoryBinding implements ChatListener {

    private final ChatClient client;
    private final LocalHistory history;

    private HistoryBinding(ChatClient client, LocalHistory history) {
        this.client = client;
        this.history = history;
    }

    /** Starts recording {@code client}'s events in {@code history} and resending its unsent messages. */
    public static HistoryBinding bind(ChatClient client, LocalHistory history) {
        HistoryBinding binding = new HistoryBinding(Objects.requireNonNull(client, "client"),
                Objects.requireNonNull(history, "history"));
        client.addListener(history);
        client.addListener(binding);
        return binding;
    }

    /**
     * Stops recording, then disconnects (Parley is closing). In this order the disconnect, which fails
     * every message the relay has not accepted, is not recorded: those messages stay SENDING in the
     * history and go out after the next start's login.
     */
    public void unbindAndDisconnect() {
        client.removeListener(this);
        client.removeListener(history);
        client.disconnect();
    }

    @Override
    public void onEvent(ChatEvent event) {
        if (event instanceof ChatEvent.ConnectionChanged changed && changed.state() == ConnectionState.CONNECTED) {
            // a locked or unreadable history has nothing to offer; the next login asks again
            history.unsent().thenAccept(client::resendUnsent);
        }
    }
}

package org.parley.chat.internal;

import java.util.Objects;

import org.parley.chat.ChatEvent;
import org.parley.chat.ChatListener;
import org.parley.chat.ConnectionState;
import org.parley.chat.HistoryService;

/**
 * After every login, sends again the messages the history still has as SENDING: those a previous run
 * of Parley wrote but the relay never accepted, because Parley was closed or crashed first. Without
 * this they would stay "sending" forever after a restart. {@link ChatClient#resendUnsent} skips the
 * messages of the current run (its outbox resends those) and fails the ones too old to go out unasked.
 *
 * <h3>Threading</h3>
 * {@link #onEvent} runs on the client's event thread and only asks the history, which answers on its
 * own thread; the client then queues the resends on its event thread again.
 */
public final class UnsentResender implements ChatListener {

    private final HistoryService history;
    private final ChatClient client;

    public UnsentResender(HistoryService history, ChatClient client) {
        this.history = Objects.requireNonNull(history, "history");
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public void onEvent(ChatEvent event) {
        if (event instanceof ChatEvent.ConnectionChanged changed && changed.state() == ConnectionState.CONNECTED) {
            // a locked or unreadable history has nothing to offer; the next login asks again
            history.unsent().thenAccept(client::resendUnsent);
        }
    }
}

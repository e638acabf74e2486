package org.parley.ui.handlers;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.parley.chat.ConnectionState;
import org.parley.ui.model.ChatModel;

/** Closes the connection to the relay; enabled while connected. */
public final class DisconnectHandler {

    @CanExecute
    boolean canExecute(ChatModel model) {
        return model.service().snapshot().state() == ConnectionState.CONNECTED;
    }

    @Execute
    void execute(ChatModel model) {
        model.service().disconnect();
    }
}

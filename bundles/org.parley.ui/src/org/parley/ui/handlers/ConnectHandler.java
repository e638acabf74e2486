package org.parley.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;
import org.parley.chat.ConnectionState;
import org.parley.chat.IdentityService;
import org.parley.ui.ClientSettings;
import org.parley.ui.ConnectDialog;
import org.parley.ui.model.ChatModel;

/** Opens the connect dialog; enabled while not connected. */
public final class ConnectHandler {

    @CanExecute
    boolean canExecute(ChatModel model) {
        ConnectionState state = model.service().snapshot().state();
        return state != ConnectionState.CONNECTED && state != ConnectionState.CONNECTING;
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, ChatModel model, IdentityService identity,
            ClientSettings settings) {
        new ConnectDialog(shell, model.service(), identity, settings).open();
    }
}

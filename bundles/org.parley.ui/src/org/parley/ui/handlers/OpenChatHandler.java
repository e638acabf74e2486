package org.parley.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.parley.ui.ConversationOpener;
import org.parley.ui.model.ContactRows;

/**
 * Opens the conversation of the contact selected in the contacts list (Everyone included), with focus.
 * The contacts part publishes its selected {@link ContactRows.Row} through the selection service.
 */
public final class OpenChatHandler {

    @CanExecute
    boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_SELECTION) ContactRows.Row row) {
        return row != null;
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SELECTION) ContactRows.Row row, ConversationOpener opener) {
        opener.open(row.conversation(), true);
    }
}

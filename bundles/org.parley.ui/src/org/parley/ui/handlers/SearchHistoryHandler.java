package org.parley.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;
import org.parley.chat.HistoryService;
import org.parley.ui.ConversationOpener;
import org.parley.ui.SearchHistoryDialog;

/** Full-text search of the local history; enabled when a history service is installed. */
public final class SearchHistoryHandler {

    @CanExecute
    boolean canExecute(@Optional HistoryService history) {
        return history != null;
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, HistoryService history, ConversationOpener opener) {
        new SearchHistoryDialog(shell, history, opener).open();
    }
}

package org.parley.ui.handlers;

import jakarta.inject.Named;

import java.nio.file.Path;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.parley.chat.Conversation;
import org.parley.chat.HistoryService;
import org.parley.ui.ChatTabs;
import org.parley.ui.ConversationExport;

/** Exports the conversation in view from the local history, as text or JSON, to a file the user picks. */
public final class ExportConversationHandler {

    @CanExecute
    boolean canExecute(@Optional HistoryService history, @Optional @Named(IServiceConstants.ACTIVE_PART) MPart active,
            MApplication application, EModelService models) {
        return history != null && ChatTabs.current(active, application, models).isPresent();
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, HistoryService history,
            @Optional @Named(IServiceConstants.ACTIVE_PART) MPart active, MApplication application,
            EModelService models) {
        Conversation conversation = ChatTabs.current(active, application, models).flatMap(ChatTabs::conversationOf)
                .orElseThrow();
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText("Export conversation with " + conversation.title());
        dialog.setFilterExtensions(ConversationExport.FILTER_EXTENSIONS);
        dialog.setFilterNames(ConversationExport.FILTER_NAMES);
        dialog.setFileName(ConversationExport.suggestedName(conversation));
        dialog.setOverwrite(true);
        String file = dialog.open();
        if (file == null) {
            return;
        }
        ConversationExport.run(history, conversation, Path.of(file),
                ConversationExport.formatFor(file, dialog.getFilterIndex()))
                .thenAccept(outcome -> shell.getDisplay().asyncExec(() -> {
                    if (outcome.ok()) {
                        MessageDialog.openInformation(shell, "Export conversation", outcome.message());
                    } else {
                        MessageDialog.openError(shell, "Export conversation", outcome.message());
                    }
                }));
    }
}

package org.parley.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;
import org.parley.chat.TrustService;
import org.parley.ui.SafetyNumberDialog;
import org.parley.ui.model.ContactRows;

/**
 * Shows the safety number with the selected contact, where the user can also mark the contact verified.
 * Everyone is not a person and has no safety number, so the command is disabled for it.
 */
public final class ShowSafetyNumberHandler {

    @CanExecute
    boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_SELECTION) ContactRows.Row row) {
        return row != null && row.contact().isPresent();
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SELECTION) ContactRows.Row row,
            @Named(IServiceConstants.ACTIVE_SHELL) Shell shell, TrustService trust) {
        new SafetyNumberDialog(shell, row.contact().orElseThrow(), trust).open();
    }
}

package org.parley.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Shell;
import org.parley.ui.model.ContactRows;

/**
 * Copies the whole identity-key fingerprint of the selected contact to the clipboard (the list shows
 * only its first groups), to compare it over another channel. Disabled for Everyone, which has no key.
 */
public final class CopyFingerprintHandler {

    @CanExecute
    boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_SELECTION) ContactRows.Row row) {
        return row != null && row.contact().isPresent();
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SELECTION) ContactRows.Row row,
            @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        Clipboard clipboard = new Clipboard(shell.getDisplay());
        try {
            clipboard.setContents(new Object[] {row.contact().orElseThrow().fingerprint()},
                    new Transfer[] {TextTransfer.getInstance()});
        } finally {
            clipboard.dispose();
        }
    }
}

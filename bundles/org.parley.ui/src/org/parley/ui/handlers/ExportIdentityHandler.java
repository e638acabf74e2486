package org.parley.ui.handlers;

import jakarta.inject.Named;

import java.nio.file.Path;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.parley.chat.IdentityService;
import org.parley.ui.ConnectDialog;

/** Saves a copy of the identity, still encrypted under its passphrase, e.g. to move it to another computer. */
public final class ExportIdentityHandler {

    @CanExecute
    boolean canExecute(IdentityService identity) {
        return identity.identityStatus().state() != IdentityService.State.NONE;
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IdentityService identity) {
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText("Export identity");
        dialog.setFileName("parley-identity-" + identity.identityStatus().user().orElse("me") + ".json");
        dialog.setOverwrite(true);
        String file = dialog.open();
        if (file == null) {
            return;
        }
        identity.exportIdentity(Path.of(file)).whenComplete((ok, failure) -> shell.getDisplay().asyncExec(() -> {
            if (failure == null) {
                MessageDialog.openInformation(shell, "Export identity", "Saved to " + file
                        + ".\nIt is encrypted with your passphrase; you need both to use it elsewhere.");
            } else {
                MessageDialog.openError(shell, "Export identity", "Not exported: " + ConnectDialog.reason(failure));
            }
        }));
    }
}

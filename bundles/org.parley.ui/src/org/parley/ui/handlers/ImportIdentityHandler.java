package org.parley.ui.handlers;

import jakarta.inject.Named;

import java.nio.file.Path;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.parley.chat.ConnectionState;
import org.parley.chat.IdentityService;
import org.parley.ui.ConnectDialog;
import org.parley.ui.model.ChatModel;

/** Replaces the local identity with an exported one, after its passphrase proved it opens. */
public final class ImportIdentityHandler {

    @CanExecute
    boolean canExecute(ChatModel model) {
        return model.service().snapshot().state() != ConnectionState.CONNECTED;
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IdentityService identity) {
        if (identity.identityStatus().state() != IdentityService.State.NONE && !MessageDialog.openConfirm(shell,
                "Import identity", "This replaces your current identity on this computer. Export it first if you "
                        + "may need it again. Continue?")) {
            return;
        }
        FileDialog files = new FileDialog(shell, SWT.OPEN);
        files.setText("Import identity");
        String file = files.open();
        if (file == null) {
            return;
        }
        InputDialog ask = new InputDialog(shell, "Import identity", "Passphrase of the exported identity:", "", null) {
            @Override
            protected int getInputTextStyle() {
                return SWT.SINGLE | SWT.BORDER | SWT.PASSWORD;
            }
        };
        if (ask.open() != InputDialog.OK) {
            return;
        }
        char[] passphrase = ask.getValue().toCharArray();
        identity.importIdentity(Path.of(file), passphrase).whenComplete((ok, failure) -> {
            java.util.Arrays.fill(passphrase, '\0');
            shell.getDisplay().asyncExec(() -> {
                if (failure == null) {
                    MessageDialog.openInformation(shell, "Import identity", "Imported "
                            + identity.identityStatus().user().orElse("the identity") + ". Connect to use it.");
                } else {
                    MessageDialog.openError(shell, "Import identity", "Not imported (nothing changed): "
                            + ConnectDialog.reason(failure));
                }
            });
        });
    }
}

package org.parley.ui.handlers;

import jakarta.inject.Named;

import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.parley.chat.ChatException;
import org.parley.chat.Contact;
import org.parley.chat.TrustService;
import org.parley.ui.model.ContactRows;

/**
 * Accepts the changed identity key of the selected contact, after a warning that names the risk (an
 * attacker impersonating them causes the same change). Only applies while a key change is pending: the
 * menu item is shown only then ({@link KeyChangePending}) and the command is disabled otherwise.
 */
public final class AcceptNewKeyHandler {

    /** Asks the user a yes/no question; replaced in tests, where a modal dialog would block. */
    BiPredicate<Shell, String> confirm = (shell, question) -> MessageDialog.openQuestion(shell,
            "Accept new identity key", question);

    /** Shows an error message; replaced in tests. */
    BiConsumer<Shell, String> error = (shell, message) -> MessageDialog.openError(shell, "Parley", message);

    @CanExecute
    boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_SELECTION) ContactRows.Row row) {
        return KeyChangePending.isPending(row);
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SELECTION) ContactRows.Row row,
            @Named(IServiceConstants.ACTIVE_SHELL) Shell shell, TrustService trust) {
        Contact contact = row.contact().orElseThrow();
        boolean yes = confirm.test(shell, contact.user() + "'s identity key has changed. This happens when they "
                + "reinstall Parley or use a new computer, but it is also what an attacker impersonating them would "
                + "cause.\n\nAccept the new key only if you are sure, ideally after comparing safety numbers.\n\n"
                + "New fingerprint: " + contact.fingerprint() + "\n\nAccept it?");
        if (yes) {
            try {
                trust.acceptIdentityKey(contact.user());
            } catch (ChatException e) {
                error.accept(shell, e.getMessage());
            }
        }
    }
}

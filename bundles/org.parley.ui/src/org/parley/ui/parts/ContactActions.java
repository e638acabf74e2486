package org.parley.ui.parts;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.parley.chat.ChatException;
import org.parley.chat.Contact;
import org.parley.chat.TrustService;
import org.parley.ui.SafetyNumberDialog;

/** What the contacts list can do to a contact's trust, with the dialogs that go with it. */
final class ContactActions {

    private final TrustService trust;
    private final Shell shell;

    ContactActions(TrustService trust, Shell shell) {
        this.trust = trust;
        this.shell = shell;
    }

    void showSafetyNumber(Contact contact) {
        new SafetyNumberDialog(shell, contact, trust).open();
    }

    void acceptNewKey(Contact contact) {
        boolean yes = MessageDialog.openQuestion(shell, "Accept new identity key",
                contact.user() + "'s identity key has changed. This happens when they reinstall Parley or use a "
                        + "new computer, but it is also what an attacker impersonating them would cause.\n\n"
                        + "Accept the new key only if you are sure, ideally after comparing safety numbers.\n\n"
                        + "New fingerprint: " + contact.fingerprint() + "\n\nAccept it?");
        if (yes) {
            try {
                trust.acceptIdentityKey(contact.user());
            } catch (ChatException e) {
                MessageDialog.openError(shell, "Parley", e.getMessage());
            }
        }
    }
}

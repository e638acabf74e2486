package org.parley.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Evaluate;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.parley.chat.Contact;
import org.parley.ui.model.ContactRows;

/**
 * The visible-when expression of the "Accept new identity key..." menu item: the item appears only for a
 * contact whose identity key changed and has not been accepted yet, so it does not invite accepting keys
 * that need no decision.
 */
public final class KeyChangePending {

    @Evaluate
    boolean evaluate(@Optional @Named(IServiceConstants.ACTIVE_SELECTION) ContactRows.Row row) {
        return isPending(row);
    }

    static boolean isPending(ContactRows.Row row) {
        return row != null && row.contact().map(c -> c.trust() == Contact.Trust.CHANGED).orElse(false);
    }
}

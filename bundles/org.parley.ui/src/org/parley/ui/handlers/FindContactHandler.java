package org.parley.ui.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.parley.ui.parts.ContactsPart;

/** Moves the focus to the contacts filter box. */
public final class FindContactHandler {

    static final String CONTACTS_PART = "org.parley.ui.part.contacts";

    @Execute
    void execute(EPartService parts) {
        MPart part = parts.showPart(CONTACTS_PART, PartState.ACTIVATE);
        if (part != null && part.getObject() instanceof ContactsPart contacts) {
            contacts.focusFilter();
        }
    }
}

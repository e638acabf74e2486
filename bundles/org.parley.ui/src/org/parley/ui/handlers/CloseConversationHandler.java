package org.parley.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.parley.ui.ChatTabs;

/** Closes the conversation tab in view (its transcript stays in the model and the history). */
public final class CloseConversationHandler {

    @CanExecute
    boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart active, MApplication application,
            EModelService models) {
        return ChatTabs.current(active, application, models).isPresent();
    }

    @Execute
    void execute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart active, MApplication application,
            EModelService models, EPartService parts) {
        ChatTabs.current(active, application, models).ifPresent(part -> parts.hidePart(part, true));
    }
}

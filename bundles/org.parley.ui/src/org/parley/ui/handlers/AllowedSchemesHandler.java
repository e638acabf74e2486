package org.parley.ui.handlers;

import jakarta.inject.Named;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;
import org.parley.crypto.api.SchemeInfo;
import org.parley.ui.AllowedSchemesDialog;
import org.parley.ui.ClientSettings;
import org.parley.ui.model.ChatModel;

/** Lets the user choose which encryption schemes this client accepts and sends with. */
public final class AllowedSchemesHandler {

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, ChatModel model, ClientSettings settings) {
        List<SchemeInfo> installed = model.service().installedSchemes();
        Set<String> allowed = new LinkedHashSet<>(settings.allowedSchemes());
        if (allowed.isEmpty()) {
            installed.forEach(s -> allowed.add(s.id()));
        }
        AllowedSchemesDialog dialog = new AllowedSchemesDialog(shell, installed, allowed);
        if (dialog.open() == AllowedSchemesDialog.OK) {
            settings.setAllowedSchemes(dialog.allowed());
            model.service().setAllowedSchemes(dialog.allowed());
        }
    }
}

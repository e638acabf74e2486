package org.parley.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.css.swt.theme.IThemeEngine;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;
import org.parley.ui.ClientSettings;
import org.parley.ui.model.ChatModel;
import org.parley.ui.preferences.ParleyPreferenceDialog;

/** Opens the preferences; a theme chosen there is applied through the CSS theme engine at once. */
public final class PreferencesHandler {

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, ChatModel model, ClientSettings settings,
            @Optional IThemeEngine themes) {
        new ParleyPreferenceDialog(shell, settings, model.service(), theme -> {
            if (themes != null) {
                themes.setTheme(theme, true);
            }
        }).open();
    }
}

package org.parley.ui.preferences;

import java.util.function.Consumer;

import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.parley.ui.ClientSettings;

/** Desktop notifications on or off, and the light or dark theme (applied at once). */
final class AppearancePage extends PreferencePage {

    private final ClientSettings settings;
    private final Consumer<String> switchTheme;
    private Button notifications;
    private Button light;
    private Button dark;

    AppearancePage(ClientSettings settings, Consumer<String> switchTheme) {
        super("Appearance");
        this.settings = settings;
        this.switchTheme = switchTheme;
        noDefaultAndApplyButton();
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite area = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(area);
        notifications = new Button(area, SWT.CHECK);
        notifications.setText("Show a desktop notification for messages in conversations not in view");
        notifications.setSelection(settings.notifications());
        Group theme = new Group(area, SWT.NONE);
        theme.setText("Theme");
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(theme);
        light = new Button(theme, SWT.RADIO);
        light.setText("Light");
        dark = new Button(theme, SWT.RADIO);
        dark.setText("Dark");
        boolean isDark = ClientSettings.DARK_THEME.equals(settings.theme());
        light.setSelection(!isDark);
        dark.setSelection(isDark);
        return area;
    }

    @Override
    public boolean performOk() {
        if (notifications == null) {
            return true;
        }
        settings.setNotifications(notifications.getSelection());
        String theme = dark.getSelection() ? ClientSettings.DARK_THEME : ClientSettings.LIGHT_THEME;
        boolean changed = !theme.equals(settings.theme());
        settings.setTheme(theme);
        if (changed) {
            switchTheme.accept(theme);
        }
        return true;
    }

    Button notificationsBox() {
        return notifications;
    }

    Button darkButton() {
        return dark;
    }

    Button lightButton() {
        return light;
    }
}

package org.parley.ui.preferences;

import java.util.function.Consumer;

import org.eclipse.jface.preference.IPreferenceNode;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferenceManager;
import org.eclipse.jface.preference.PreferenceNode;
import org.eclipse.swt.widgets.Shell;
import org.parley.chat.ChatService;
import org.parley.ui.ClientSettings;

/**
 * Parley's preferences: connection (relay, user name), encryption (default and allowed schemes) and
 * appearance (notifications, theme). Each page writes the Eclipse preferences through
 * {@link ClientSettings} when the user presses Apply or Apply and Close.
 */
public final class ParleyPreferenceDialog extends PreferenceDialog {

    static final String CONNECTION = "connection";
    static final String ENCRYPTION = "encryption";
    static final String APPEARANCE = "appearance";

    private final PreferenceManager pages;

    /**
     * @param switchTheme applies a theme id to the running workbench
     */
    public ParleyPreferenceDialog(Shell shell, ClientSettings settings, ChatService chat, Consumer<String> switchTheme) {
        this(shell, manager(settings, chat, switchTheme));
    }

    private ParleyPreferenceDialog(Shell shell, PreferenceManager pages) {
        super(shell, pages);
        this.pages = pages;
    }

    private static PreferenceManager manager(ClientSettings settings, ChatService chat, Consumer<String> switchTheme) {
        PreferenceManager manager = new PreferenceManager();
        manager.addToRoot(new PreferenceNode(CONNECTION, new ConnectionPage(settings)));
        manager.addToRoot(new PreferenceNode(ENCRYPTION, new EncryptionPage(settings, chat)));
        manager.addToRoot(new PreferenceNode(APPEARANCE, new AppearancePage(settings, switchTheme)));
        return manager;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Parley Preferences");
    }

    /** Turns to the page with {@code id}; for the handler's callers and tests. */
    public void show(String id) {
        IPreferenceNode node = pages.find(id);
        if (node != null) {
            showPage(node);
        }
    }

    /** The page with {@code id}, created or not. */
    Object page(String id) {
        return pages.find(id).getPage();
    }

    /** Presses "Apply and Close"; for tests. */
    void applyAndClose() {
        okPressed();
    }
}

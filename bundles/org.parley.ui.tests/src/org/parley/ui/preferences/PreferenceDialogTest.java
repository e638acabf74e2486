package org.parley.ui.preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.ui.ClientSettings;
import org.parley.ui.FakeSchemes;

class PreferenceDialogTest {

    private Shell shell;
    private ClientSettings settings;
    private FakeSchemes chat;
    private final List<String> themes = new ArrayList<>();

    @BeforeEach
    void setUp() {
        shell = new Shell(Display.getDefault());
        settings = new ClientSettings(InstanceScope.INSTANCE.getNode("org.parley.ui.test." + UUID.randomUUID()));
        chat = new FakeSchemes();
    }

    @AfterEach
    void tearDown() {
        shell.dispose();
    }

    @Test
    void everyPageSavesItsPreferences() {
        ParleyPreferenceDialog dialog = new ParleyPreferenceDialog(shell, settings, chat, themes::add);
        dialog.setBlockOnOpen(false);
        dialog.open();

        dialog.show(ParleyPreferenceDialog.CONNECTION);
        ConnectionPage connection = (ConnectionPage) dialog.page(ParleyPreferenceDialog.CONNECTION);
        assertEquals(ClientSettings.DEFAULT_RELAY, connection.relayText().getText());
        connection.relayText().setText("relay.example:9000");
        connection.userText().setText("alice");

        dialog.show(ParleyPreferenceDialog.ENCRYPTION);
        EncryptionPage encryption = (EncryptionPage) dialog.page(ParleyPreferenceDialog.ENCRYPTION);
        encryption.defaultSchemeCombo().select(1);
        encryption.defaultSchemeCombo().notifyListeners(SWT.Selection, new Event());
        encryption.schemeBoxes().get(0).setSelection(false);
        encryption.schemeBoxes().get(0).notifyListeners(SWT.Selection, new Event());
        assertTrue(encryption.isValid());

        dialog.show(ParleyPreferenceDialog.APPEARANCE);
        AppearancePage appearance = (AppearancePage) dialog.page(ParleyPreferenceDialog.APPEARANCE);
        appearance.notificationsBox().setSelection(false);
        appearance.lightButton().setSelection(false);
        appearance.darkButton().setSelection(true);

        dialog.applyAndClose();
        assertEquals("wss://relay.example:9000", settings.savedRelay());
        assertEquals("alice", settings.savedUser());
        assertEquals("b-scheme", settings.defaultScheme());
        assertEquals(Set.of("b-scheme"), settings.allowedSchemes());
        assertEquals(Set.of("b-scheme"), chat.allowed);
        assertFalse(settings.notifications());
        assertEquals(ClientSettings.DARK_THEME, settings.theme());
        assertEquals(List.of(ClientSettings.DARK_THEME), themes, "the theme is switched at once");
    }

    @Test
    void badInputIsRefusedWithAReason() {
        ParleyPreferenceDialog dialog = new ParleyPreferenceDialog(shell, settings, chat, themes::add);
        dialog.setBlockOnOpen(false);
        dialog.open();
        dialog.show(ParleyPreferenceDialog.CONNECTION);
        ConnectionPage connection = (ConnectionPage) dialog.page(ParleyPreferenceDialog.CONNECTION);
        connection.relayText().setText("http://nope");
        assertFalse(connection.isValid());
        assertNotNull(connection.getErrorMessage());
        connection.relayText().setText("localhost:8765");
        connection.userText().setText("no spaces allowed");
        assertFalse(connection.isValid());
        assertEquals("A user name is 1 to 32 letters, digits, '.', '_' or '-'.", connection.getErrorMessage());
        connection.userText().setText("bob");
        assertTrue(connection.isValid());

        dialog.show(ParleyPreferenceDialog.ENCRYPTION);
        EncryptionPage encryption = (EncryptionPage) dialog.page(ParleyPreferenceDialog.ENCRYPTION);
        encryption.schemeBoxes().forEach(b -> {
            b.setSelection(false);
            b.notifyListeners(SWT.Selection, new Event());
        });
        assertEquals("Allow at least one scheme, or nothing can be sent or received.", encryption.getErrorMessage());
        dialog.close();
    }
}

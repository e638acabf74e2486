package org.parley.ui.preferences;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.parley.ui.ClientSettings;
import org.parley.ui.ConnectDialog;

/** The relay and user name offered by the connect dialog. */
final class ConnectionPage extends PreferencePage {

    private final ClientSettings settings;
    private Text relay;
    private Text user;

    ConnectionPage(ClientSettings settings) {
        super("Connection");
        this.settings = settings;
        setDescription("Where Parley connects and as whom. The relay only ever sees ciphertext.");
        noDefaultAndApplyButton();
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite form = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(form);
        new Label(form, SWT.NONE).setText("Relay URL:");
        relay = new Text(form, SWT.BORDER);
        relay.setText(settings.savedRelay());
        relay.setMessage("wss://host:8765");
        GridDataFactory.fillDefaults().grab(true, false).hint(280, SWT.DEFAULT).applyTo(relay);
        new Label(form, SWT.NONE).setText("User name:");
        user = new Text(form, SWT.BORDER);
        user.setText(settings.savedUser());
        user.setMessage("letters, digits, . _ -");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(user);
        Label note = new Label(form, SWT.WRAP);
        note.setText("The user name is fixed once your identity exists; this is the name the connect dialog "
                + "proposes for a new identity.");
        GridDataFactory.fillDefaults().span(2, 1).hint(300, SWT.DEFAULT).applyTo(note);
        relay.addListener(SWT.Modify, e -> validate());
        user.addListener(SWT.Modify, e -> validate());
        return form;
    }

    private void validate() {
        String problem = null;
        if (ClientSettings.parseRelay(relay.getText()).isEmpty()) {
            problem = "The relay URL must look like wss://host:8765 (or host:port).";
        } else if (!user.getText().isBlank() && !ConnectDialog.USER.matcher(user.getText().strip()).matches()) {
            problem = "A user name is 1 to 32 letters, digits, '.', '_' or '-'.";
        }
        setErrorMessage(problem);
        setValid(problem == null);
    }

    @Override
    public boolean performOk() {
        if (relay != null) {
            settings.remember(ClientSettings.parseRelay(relay.getText()).orElseThrow().toString(), user.getText().strip());
        }
        return true;
    }

    Text relayText() {
        return relay;
    }

    Text userText() {
        return user;
    }
}

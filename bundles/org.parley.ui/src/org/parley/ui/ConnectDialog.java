package org.parley.ui;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.parley.chat.ChatService;

/**
 * Asks for the relay address and a user name, then connects. The dialog stays open until the relay
 * welcomes the user, showing any failure in its message area, so a typo costs nothing.
 *
 * <h3>Threading</h3>
 * UI thread only; the connection runs on the chat service's threads and reports back through
 * {@code Display.asyncExec}.
 */
public final class ConnectDialog extends TitleAreaDialog {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    private final ChatService service;
    private final ClientSettings settings;
    private Text relayText;
    private Text userText;
    private boolean connecting;

    public ConnectDialog(Shell parent, ChatService service, ClientSettings settings) {
        super(parent);
        this.service = service;
        this.settings = settings;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Connect to Parley");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Connect to a Parley relay");
        setMessage("Messages are encrypted on this computer; the relay only ever sees ciphertext.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite form = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 12).applyTo(form);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(form);
        new Label(form, SWT.NONE).setText("Relay:");
        relayText = new Text(form, SWT.BORDER);
        relayText.setText(settings.relay());
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(relayText);
        new Label(form, SWT.NONE).setText("User name:");
        userText = new Text(form, SWT.BORDER);
        userText.setText(settings.user());
        userText.setMessage("letters, digits, . _ -");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(userText);
        userText.setFocus();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Connect", true);
        createButton(parent, IDialogConstants.CANCEL_ID, "Work offline", false);
    }

    @Override
    protected void okPressed() {
        if (connecting) {
            return;
        }
        Optional<URI> relay = ClientSettings.parseRelay(relayText.getText());
        String user = userText.getText().strip();
        if (relay.isEmpty()) {
            setErrorMessage("The relay address must look like wss://host:8765 (or host:port).");
            return;
        }
        if (!USER.matcher(user).matches()) {
            setErrorMessage("A user name is 1 to 32 letters, digits, '.', '_' or '-'.");
            return;
        }
        setErrorMessage(null);
        setMessage("Connecting to " + relay.get() + " ...");
        setConnecting(true);
        service.connect(relay.get(), user).whenComplete((ok, failure) -> getShell().getDisplay().asyncExec(() -> {
            if (getShell() == null || getShell().isDisposed()) {
                return;
            }
            setConnecting(false);
            if (failure == null) {
                settings.remember(relayText.getText().strip(), user);
                super.okPressed();
            } else {
                setMessage("Messages are encrypted on this computer; the relay only ever sees ciphertext.");
                setErrorMessage("Could not connect: " + reason(failure));
            }
        }));
    }

    private void setConnecting(boolean value) {
        connecting = value;
        relayText.setEnabled(!value);
        userText.setEnabled(!value);
        getButton(IDialogConstants.OK_ID).setEnabled(!value);
    }

    static String reason(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}

package org.parley.ui;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
import org.parley.chat.IdentityService;
import org.parley.chat.IdentityStatus;

/**
 * Creates or unlocks the local identity and connects to a relay. Without an identity it asks for a
 * user name and a new passphrase (twice); with a locked one, for its passphrase. The dialog stays open
 * until the relay welcomes the user, showing any failure (wrong passphrase, relay unreachable, name
 * registered to someone else) in its message area, so a typo costs nothing.
 *
 * <h3>Threading</h3>
 * UI thread only; key derivation and the connection run on the chat service's threads and report back
 * through {@code Display.asyncExec}.
 */
public final class ConnectDialog extends TitleAreaDialog {

    public static final Pattern USER = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    static final int MIN_PASSPHRASE = 8;
    private static final String SAFE = "Messages are encrypted on this computer; the relay only ever sees ciphertext.";

    private final ChatService chat;
    private final IdentityService identity;
    private final ClientSettings settings;
    private IdentityStatus status;
    private Text relayText;
    private Text userText;
    private Text passText;
    private Text confirmText;
    private boolean busy;

    public ConnectDialog(Shell parent, ChatService chat, IdentityService identity, ClientSettings settings) {
        super(parent);
        this.chat = chat;
        this.identity = identity;
        this.settings = settings;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Connect to Parley");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        status = identity.identityStatus();
        switch (status.state()) {
            case NONE:
                setTitle("Create your Parley identity");
                setMessage("Choose a user name and a passphrase. The passphrase encrypts your keys on this computer.");
                break;
            case LOCKED:
                setTitle("Unlock " + status.user().orElse("your identity"));
                setMessage("Enter the passphrase of your identity.");
                break;
            default:
                setTitle("Connect to a Parley relay");
                setMessage(SAFE);
        }
        Composite area = (Composite) super.createDialogArea(parent);
        Composite form = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 12).applyTo(form);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(form);
        relayText = field(form, "Relay:", SWT.NONE);
        relayText.setText(settings.relay());
        userText = field(form, "User name:", SWT.NONE);
        userText.setText(status.user().orElse(settings.user()));
        userText.setEnabled(status.state() == IdentityService.State.NONE);
        userText.setMessage("letters, digits, . _ -");
        if (status.state() != IdentityService.State.UNLOCKED) {
            passText = field(form, "Passphrase:", SWT.PASSWORD);
        }
        if (status.state() == IdentityService.State.NONE) {
            confirmText = field(form, "Repeat passphrase:", SWT.PASSWORD);
            passText.setMessage("at least " + MIN_PASSPHRASE + " characters");
        }
        (passText != null && !userText.getText().isEmpty() ? passText : userText).setFocus();
        return area;
    }

    private static Text field(Composite form, String label, int style) {
        new Label(form, SWT.NONE).setText(label);
        Text text = new Text(form, SWT.BORDER | style);
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(text);
        return text;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Connect", true);
        createButton(parent, IDialogConstants.CANCEL_ID, "Work offline", false);
    }

    @Override
    protected void okPressed() {
        if (busy) {
            return;
        }
        Optional<URI> relay = ClientSettings.parseRelay(relayText.getText());
        String user = userText.getText().strip();
        Optional<String> problem = validate(relay, user);
        if (problem.isPresent()) {
            setErrorMessage(problem.get());
            return;
        }
        setErrorMessage(null);
        setBusy(true, "Opening your identity and connecting to " + relay.get() + " ...");
        char[] passphrase = passText == null ? new char[0] : passText.getTextChars();
        identityStep(user, passphrase).thenCompose(v -> chat.connect(relay.get(), user))
                .whenComplete((ok, failure) -> {
                    Arrays.fill(passphrase, '\0');
                    getShell().getDisplay().asyncExec(() -> finish(failure, user));
                });
    }

    private Optional<String> validate(Optional<URI> relay, String user) {
        if (relay.isEmpty()) {
            return Optional.of("The relay address must look like wss://host:8765 (or host:port).");
        }
        if (!USER.matcher(user).matches()) {
            return Optional.of("A user name is 1 to 32 letters, digits, '.', '_' or '-'.");
        }
        if (confirmText != null) {
            if (passText.getCharCount() < MIN_PASSPHRASE) {
                return Optional.of("The passphrase needs at least " + MIN_PASSPHRASE + " characters.");
            }
            if (!passText.getText().equals(confirmText.getText())) {
                return Optional.of("The two passphrases differ.");
            }
        } else if (passText != null && passText.getCharCount() == 0) {
            return Optional.of("Enter your passphrase.");
        }
        return Optional.empty();
    }

    private CompletableFuture<Void> identityStep(String user, char[] passphrase) {
        switch (status.state()) {
            case NONE:
                return identity.createIdentity(user, passphrase);
            case LOCKED:
                return identity.unlockIdentity(passphrase);
            default:
                return CompletableFuture.completedFuture(null);
        }
    }

    private void finish(Throwable failure, String user) {
        if (getShell() == null || getShell().isDisposed()) {
            return;
        }
        setBusy(false, null);
        if (failure == null) {
            settings.remember(relayText.getText().strip(), user);
            super.okPressed();
            return;
        }
        // the identity may have been created or unlocked before the connection failed: re-read the state
        if (identity.identityStatus().state() == IdentityService.State.UNLOCKED && passText != null) {
            passText.setEnabled(false);
            if (confirmText != null) {
                confirmText.setEnabled(false);
            }
            userText.setEnabled(false);
            status = identity.identityStatus();
        }
        setErrorMessage("Could not connect: " + reason(failure));
        if (passText != null && passText.isEnabled()) {
            // most likely a mistyped passphrase: ready to type it again
            passText.selectAll();
            passText.setFocus();
        }
    }

    private void setBusy(boolean value, String message) {
        busy = value;
        for (Text t : new Text[] {relayText, userText, passText, confirmText}) {
            if (t != null && (t != userText || status.state() == IdentityService.State.NONE)) {
                t.setEnabled(!value);
            }
        }
        getButton(IDialogConstants.OK_ID).setEnabled(!value);
        setMessage(value ? message : SAFE);
    }

    /** The message of a failure, unwrapped from CompletionException; fit to show a user. */
    public static String reason(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}

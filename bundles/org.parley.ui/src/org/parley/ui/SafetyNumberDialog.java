package org.parley.ui;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.parley.chat.ChatException;
import org.parley.chat.Contact;
import org.parley.chat.TrustService;

/**
 * Shows the safety number of the local user and a contact, to compare in person or over another
 * channel, and lets the user mark the contact verified (or no longer verified).
 */
public final class SafetyNumberDialog extends Dialog {

    static final int VERIFY_ID = IDialogConstants.CLIENT_ID + 1;

    private final Contact contact;
    private final TrustService trust;
    private final String safetyNumber;
    private Font mono;

    public SafetyNumberDialog(Shell parent, Contact contact, TrustService trust) {
        super(parent);
        this.contact = contact;
        this.trust = trust;
        this.safetyNumber = trust.safetyNumber(contact.user()).orElse("");
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Safety number with " + contact.user());
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().margins(12, 12).applyTo(area);
        Label intro = new Label(area, SWT.WRAP);
        intro.setText("Compare these numbers with " + contact.user() + " in person or on a call. If they match, "
                + "nobody (not even the relay) stands between you.");
        GridDataFactory.fillDefaults().hint(420, SWT.DEFAULT).applyTo(intro);
        Label number = new Label(area, SWT.CENTER);
        number.setText(safetyNumber.isEmpty() ? "(not available: connect first)" : layout(safetyNumber));
        FontData data = new FontData("Monospace", 14, SWT.BOLD);
        mono = new Font(parent.getDisplay(), data);
        number.setFont(mono);
        number.addDisposeListener(e -> mono.dispose());
        GridDataFactory.fillDefaults().grab(true, false).indent(0, 12).applyTo(number);
        Label state = new Label(area, SWT.WRAP);
        state.setText(describe(contact.trust()) + "\nIdentity key fingerprint of " + contact.user() + ":\n"
                + contact.fingerprint());
        GridDataFactory.fillDefaults().hint(420, SWT.DEFAULT).indent(0, 12).applyTo(state);
        return area;
    }

    /** 12 groups of 5 digits on three lines. */
    static String layout(String digits) {
        String plain = digits.replace(" ", "");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < plain.length(); i += 5) {
            out.append(plain, i, Math.min(plain.length(), i + 5));
            out.append((i / 5) % 4 == 3 ? "\n" : "  ");
        }
        return out.toString().strip();
    }

    static String describe(Contact.Trust trust) {
        switch (trust) {
            case VERIFIED:
                return "You have marked this contact as verified.";
            case CHANGED:
                return "This contact's identity key CHANGED. Accept the new key before verifying it.";
            default:
                return "Not verified yet.";
        }
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        if (contact.trust() != Contact.Trust.CHANGED && !safetyNumber.isEmpty()) {
            createButton(parent, VERIFY_ID,
                    contact.trust() == Contact.Trust.VERIFIED ? "Mark as not verified" : "Mark as verified", false);
        }
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == VERIFY_ID) {
            try {
                trust.setVerified(contact.user(), contact.trust() != Contact.Trust.VERIFIED);
            } catch (ChatException e) {
                MessageDialog.openError(getShell(), "Parley", e.getMessage());
                return;
            }
        }
        close();
    }
}

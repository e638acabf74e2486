package org.parley.ui.parts;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.ConnectionState;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.crypto.api.SchemeInfo;
import org.parley.ui.PartConversationOpener;
import org.parley.ui.model.ChatModel;

/**
 * One conversation: the transcript (sender, time, lock with the scheme, delivery state; join, leave and
 * failure lines) and a composer where Enter sends, Shift+Enter starts a new line, with the scheme to
 * encrypt with.
 */
public final class ChatPart implements ChatModel.Listener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    @Inject
    ChatModel model;

    @Inject
    MPart part;

    private Conversation conversation;
    private StyledText transcript;
    private Label banner;
    private Text composer;
    private Button sendButton;
    private Combo schemeCombo;
    private List<SchemeInfo> schemes = List.of();

    @PostConstruct
    void createControls(Composite parent) {
        conversation = new Conversation(part.getPersistedState().getOrDefault(PartConversationOpener.CONVERSATION_KEY,
                Conversation.EVERYONE_KEY));
        part.setLabel(conversation.title());
        GridLayoutFactory.fillDefaults().numColumns(3).margins(4, 4).applyTo(parent);
        transcript = new StyledText(parent, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
        transcript.setMargins(6, 6, 6, 6);
        GridDataFactory.fillDefaults().grab(true, true).span(3, 1).applyTo(transcript);
        banner = new Label(parent, SWT.WRAP);
        banner.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridDataFactory.fillDefaults().grab(true, false).span(3, 1).applyTo(banner);

        composer = new Text(parent, SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
        composer.setMessage("Message " + conversation.title() + " (Enter sends, Shift+Enter new line)");
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 54).applyTo(composer);
        composer.addListener(SWT.KeyDown, this::onKey);
        schemeCombo = new Combo(parent, SWT.READ_ONLY);
        schemeCombo.setToolTipText("Encryption scheme for the next message");
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.CENTER).applyTo(schemeCombo);
        sendButton = new Button(parent, SWT.PUSH);
        sendButton.setText("Send");
        sendButton.addListener(SWT.Selection, e -> send());
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.CENTER).applyTo(sendButton);

        model.addListener(this);
        refreshSchemes();
        updateComposer(model.service().snapshot());
        render();
    }

    @Focus
    void setFocus() {
        composer.setFocus();
        model.markRead(conversation);
    }

    @PreDestroy
    void dispose() {
        model.removeListener(this);
    }

    private void onKey(Event e) {
        if ((e.keyCode == SWT.CR || e.keyCode == SWT.KEYPAD_CR) && (e.stateMask & SWT.SHIFT) == 0) {
            e.doit = false;
            send();
        }
    }

    /** Sends what the composer holds; the composer keeps the text if sending cannot even start. */
    void send() {
        String text = composer.getText().strip();
        if (text.isEmpty()) {
            return;
        }
        int index = schemeCombo.getSelectionIndex();
        if (index < 0 || index >= schemes.size()) {
            showNotice("No encryption scheme is installed, so nothing can be sent.");
            return;
        }
        composer.setText("");
        model.service().send(conversation, text, schemes.get(index).id()).whenComplete((message, failure) -> {
            if (failure != null) {
                composer.getDisplay().asyncExec(() -> restore(text, failure));
            }
        });
    }

    private void restore(String text, Throwable failure) {
        if (composer.isDisposed()) {
            return;
        }
        if (composer.getText().isEmpty()) {
            composer.setText(text);
        }
        showNotice("Not sent: " + failureText(failure));
    }

    private static String failureText(Throwable failure) {
        Throwable t = failure.getCause() != null ? failure.getCause() : failure;
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private void showNotice(String text) {
        transcript.append((transcript.getCharCount() > 0 ? "\n" : "") + "\u2139 " + text);
    }

    @Override
    public void conversationChanged(Conversation changed) {
        if (changed.equals(conversation) && !transcript.isDisposed()) {
            render();
            if (transcript.isVisible()) {
                model.markRead(conversation);
            }
        }
    }

    @Override
    public void directoryChanged(ChatSnapshot snapshot) {
        if (!schemeCombo.isDisposed()) {
            refreshSchemes();
            updateComposer(snapshot);
        }
    }

    /**
     * Disables the composer, saying why, while nothing could be sent: we are not connected, or the
     * peer's identity key changed and was not accepted. A peer who is offline does not block it: the
     * relay stores the message until the peer logs in. The text typed so far stays.
     */
    private void updateComposer(ChatSnapshot snapshot) {
        String reason = blockedReason(snapshot, conversation);
        boolean blocked = !reason.isEmpty();
        boolean unblocking = !blocked && !composer.isEnabled();
        banner.setText(reason);
        ((org.eclipse.swt.layout.GridData) banner.getLayoutData()).exclude = !blocked;
        banner.setVisible(blocked);
        composer.setEnabled(!blocked);
        sendButton.setEnabled(!blocked);
        banner.getParent().layout(true);
        // a disabled composer cannot hold the focus the part asked for at start; give it back once
        // sending is possible, unless the user is typing somewhere else meanwhile
        if (unblocking && composer.isVisible() && !(composer.getDisplay().getFocusControl() instanceof Text)) {
            composer.setFocus();
        }
    }

    static String blockedReason(ChatSnapshot snapshot, Conversation conversation) {
        if (snapshot.state() != ConnectionState.CONNECTED) {
            return "Offline: connect (Parley > Connect..., Ctrl+K) to send messages.";
        }
        if (!conversation.isEveryone()) {
            for (Contact contact : snapshot.contacts()) {
                if (contact.user().equals(conversation.peer()) && contact.trust() == Contact.Trust.CHANGED) {
                    return contact.user() + "'s identity key changed. Sending is held until you accept the new key "
                            + "(right-click " + contact.user() + " in Contacts; compare safety numbers first).";
                }
            }
        }
        return "";
    }

    private void refreshSchemes() {
        String selected = schemeCombo.getSelectionIndex() >= 0 ? schemes.get(schemeCombo.getSelectionIndex()).id() : null;
        schemes = model.service().schemes();
        schemeCombo.removeAll();
        for (SchemeInfo scheme : schemes) {
            schemeCombo.add(scheme.displayName());
        }
        int index = 0;
        for (int i = 0; i < schemes.size(); i++) {
            if (schemes.get(i).id().equals(selected)) {
                index = i;
            }
        }
        if (!schemes.isEmpty()) {
            schemeCombo.select(index);
        }
        schemeCombo.getParent().layout(true);
    }

    private void render() {
        TranscriptRenderer.render(transcript, model.transcript(conversation), TIME);
    }

    StyledText transcript() {
        return transcript;
    }

    Text composer() {
        return composer;
    }

    Combo schemeCombo() {
        return schemeCombo;
    }

    Conversation conversation() {
        return conversation;
    }
}

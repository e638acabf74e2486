package org.parley.ui.parts;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import java.util.List;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.parley.chat.ChatMessage;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.ConnectionState;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.crypto.api.SchemeInfo;
import org.parley.ui.ClientSettings;
import org.parley.ui.PartConversationOpener;
import org.parley.ui.model.ChatLine;
import org.parley.ui.model.ChatModel;

/**
 * One conversation, as a closeable tab: the virtual message list (newest page from the local history
 * on opening, older pages when scrolled to the top, live messages as they come) and a composer where
 * Enter sends and Shift+Enter starts a new line, with the scheme to encrypt with. The composer is
 * disabled, with the reason shown above it, while nothing could be sent. A message that failed can be
 * sent again from the list's context menu (Send Again), with the same id, so nobody receives it twice.
 */
public final class ChatPart implements ChatModel.Listener {

    /** Lines read from the history per page. */
    static final int PAGE = 200;

    /** The event the CSS theme engine posts after a theme switch (IThemeEngine.Events.THEME_CHANGED). */
    static final String THEME_CHANGED = "org/eclipse/e4/ui/css/swt/theme/ThemeManager/themeChanged";

    @Inject
    ChatModel model;

    @Inject
    MPart part;

    @Inject
    @Optional
    ClientSettings settings;

    private Conversation conversation;
    private MessageList messages;
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
        part.setTooltip(conversation.isEveryone() ? "Everyone online" : "Conversation with " + conversation.peer());
        GridLayoutFactory.fillDefaults().numColumns(3).margins(4, 4).applyTo(parent);
        messages = new MessageList(parent, this::schemeName, this::loadOlder);
        GridDataFactory.fillDefaults().grab(true, true).span(3, 1).applyTo(messages.table());
        createMessageMenu();
        banner = new Label(parent, SWT.WRAP);
        banner.setData("org.eclipse.e4.ui.css.CssClassName", "ParleyBanner");
        banner.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridDataFactory.fillDefaults().grab(true, false).span(3, 1).applyTo(banner);

        composer = new Text(parent, SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
        composer.setMessage("Message " + conversation.title() + " (Enter sends, Shift+Enter new line)");
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 54).applyTo(composer);
        composer.addListener(SWT.KeyDown, this::onKey);
        schemeCombo = new Combo(parent, SWT.READ_ONLY);
        schemeCombo.setToolTipText("Encryption scheme for the next message");
        // a bounded width: a plugin's long scheme name must not squeeze the composer
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.CENTER).hint(230, SWT.DEFAULT).applyTo(schemeCombo);
        sendButton = new Button(parent, SWT.PUSH);
        sendButton.setText("Send");
        sendButton.addListener(SWT.Selection, e -> send());
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.CENTER).applyTo(sendButton);

        model.addListener(this);
        refreshSchemes();
        updateComposer(model.service().snapshot());
        messages.setLines(model.transcript(conversation));
        model.loadOlder(conversation, PAGE);
    }

    @Focus
    void setFocus() {
        if (composer.isEnabled()) {
            composer.setFocus();
        } else {
            messages.table().setFocus();
        }
        model.markRead(conversation);
    }

    @PreDestroy
    void dispose() {
        model.removeListener(this);
    }

    @Inject
    @Optional
    void themeChanged(@UIEventTopic(THEME_CHANGED) Object event) {
        if (messages != null && !messages.table().isDisposed()) {
            // the engine restyles the widgets around this event; read the new colours afterwards
            messages.table().getDisplay().asyncExec(() -> {
                if (!messages.table().isDisposed()) {
                    messages.restyle();
                }
            });
        }
    }

    private void loadOlder() {
        if (model.hasOlder(conversation)) {
            model.loadOlder(conversation, PAGE);
        }
    }

    private String schemeName(String id) {
        for (SchemeInfo scheme : model.service().installedSchemes()) {
            if (scheme.id().equals(id)) {
                return scheme.displayName();
            }
        }
        return id;
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
        if (text.isEmpty() || !composer.isEnabled()) {
            return;
        }
        int index = schemeCombo.getSelectionIndex();
        if (index < 0 || index >= schemes.size()) {
            showBanner("No encryption scheme is installed and allowed, so nothing can be sent.");
            return;
        }
        composer.setText("");
        model.service().send(conversation, text, schemes.get(index).id()).whenComplete((message, failure) -> {
            if (failure != null) {
                composer.getDisplay().asyncExec(() -> restore(text, failure));
            }
        });
    }

    private void createMessageMenu() {
        Table table = messages.table();
        Menu menu = new Menu(table);
        MenuItem sendAgain = new MenuItem(menu, SWT.PUSH);
        sendAgain.setText("Send &Again");
        sendAgain.addListener(SWT.Selection, e -> sendAgain());
        menu.addListener(SWT.Show, e -> sendAgain.setEnabled(selectedFailedMessage().isPresent()
                && model.service().snapshot().state() == ConnectionState.CONNECTED));
        table.setMenu(menu);
    }

    /** The local user's failed message in the one selected row, if that is what is selected. */
    java.util.Optional<ChatMessage> selectedFailedMessage() {
        int[] selected = messages.table().getSelectionIndices();
        if (selected.length != 1 || selected[0] >= messages.rows().size()) {
            return java.util.Optional.empty();
        }
        return messages.rows().get(selected[0]).source().message()
                .filter(m -> m.outgoing() && m.status() == ChatMessage.Status.FAILED);
    }

    /** Sends the selected failed message again; its row turns back to "sending" through the model. */
    void sendAgain() {
        selectedFailedMessage().ifPresent(message -> model.service().resend(message).whenComplete((r, failure) -> {
            if (failure != null) {
                banner.getDisplay().asyncExec(() -> {
                    if (!banner.isDisposed()) {
                        showBanner("Not sent again: " + failureText(failure));
                    }
                });
            }
        }));
    }

    private void restore(String text, Throwable failure) {
        if (composer.isDisposed()) {
            return;
        }
        if (composer.getText().isEmpty()) {
            composer.setText(text);
        }
        showBanner("Not sent: " + failureText(failure));
    }

    private static String failureText(Throwable failure) {
        Throwable t = failure.getCause() != null ? failure.getCause() : failure;
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private void showBanner(String text) {
        banner.setText(text);
        ((GridData) banner.getLayoutData()).exclude = false;
        banner.setVisible(true);
        banner.getParent().layout(true);
    }

    @Override
    public void conversationChanged(Conversation changed) {
        if (changed.equals(conversation) && !messages.table().isDisposed()) {
            messages.setLines(model.transcript(conversation));
            if (messages.table().isVisible()) {
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
        ((GridData) banner.getLayoutData()).exclude = !blocked;
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
        if (snapshot.state() == ConnectionState.RECONNECTING) {
            return "Connection lost: sending resumes once Parley has reconnected (see the status bar).";
        }
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
        String selected = schemeCombo.getSelectionIndex() >= 0 ? schemes.get(schemeCombo.getSelectionIndex()).id()
                : settings != null ? settings.defaultScheme() : "";
        schemes = model.service().schemes();
        schemeCombo.removeAll();
        int index = 0;
        for (int i = 0; i < schemes.size(); i++) {
            schemeCombo.add(schemes.get(i).displayName());
            if (schemes.get(i).id().equals(selected)) {
                index = i;
            }
        }
        if (!schemes.isEmpty()) {
            schemeCombo.select(index);
        }
        schemeCombo.getParent().layout(true);
    }

    MessageList messages() {
        return messages;
    }

    /** What the list shows, one string per row; for tests. */
    List<String> rowTexts() {
        return messages.rows().stream().map(r -> r.text() + (r.meta().isEmpty() ? "" : " | " + r.meta())).toList();
    }

    List<ChatLine> lines() {
        return model.transcript(conversation);
    }

    Label banner() {
        return banner;
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

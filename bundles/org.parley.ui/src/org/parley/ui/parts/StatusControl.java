package org.parley.ui.parts;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.Conversation;
import org.parley.ui.model.ChatModel;

/** Status bar: connection state, relay, user, and the relay certificate the client pinned. */
public final class StatusControl implements ChatModel.Listener {

    private ChatModel model;
    private Label label;

    @PostConstruct
    void createControls(Composite parent, ChatModel chatModel) {
        this.model = chatModel;
        Composite box = new Composite(parent, SWT.NONE);
        box.setLayout(new FillLayout());
        label = new Label(box, SWT.NONE);
        chatModel.addListener(this);
        directoryChanged(chatModel.service().snapshot());
    }

    @PreDestroy
    void dispose() {
        model.removeListener(this);
    }

    /** The status text for a snapshot; package-visible for tests. */
    static String describe(ChatSnapshot s, String detail) {
        switch (s.state()) {
            case CONNECTED:
                return "Connected to " + s.relay().orElse("?") + " as " + s.user().orElse("?")
                        + s.relayFingerprint().map(f -> "   \u00b7   relay certificate SHA-256 " + shortFingerprint(f))
                                .orElse("   \u00b7   UNENCRYPTED CONNECTION")
                        + "   \u00b7   " + s.contacts().stream().filter(c -> c.online()).count() + " online";
            case CONNECTING:
                return "Connecting to " + s.relay().orElse("?") + " ...";
            case RECONNECTING:
                return "Connection lost \u2014 reconnecting to " + s.relay().orElse("?")
                        + (detail.isEmpty() ? "" : " (" + detail + ")");
            case FAILED:
                return "Connection failed" + (detail.isEmpty() ? "" : ": " + detail)
                        + " \u2014 Parley > Connect... (Ctrl+K) to retry";
            default:
                return "Offline \u2014 Parley > Connect... (Ctrl+K)";
        }
    }

    private static String shortFingerprint(String hex) {
        return hex.length() <= 16 ? hex : hex.substring(0, 16) + "\u2026";
    }

    @Override
    public void conversationChanged(Conversation conversation) {
        // joins and leaves arrive as notices too; refreshing here keeps the online count current
        directoryChanged(model.service().snapshot());
    }

    @Override
    public void directoryChanged(ChatSnapshot snapshot) {
        if (!label.isDisposed()) {
            label.setText(describe(snapshot, model.connectionDetail()));
            label.getParent().getParent().layout(true, true);
        }
    }
}

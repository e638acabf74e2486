package org.parley.ui.parts;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import java.util.Optional;
import java.util.function.LongSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.ConnectionState;
import org.parley.chat.Conversation;
import org.parley.ui.model.ChatModel;
import org.parley.ui.model.ReconnectCountdown;

/**
 * Status bar: connection state, relay, user, TLS version and the relay certificate the client pinned;
 * while reconnecting, the seconds until the next attempt, ticking down once a second.
 */
public final class StatusControl implements ChatModel.Listener {

    private ChatModel model;
    private Label label;
    private Optional<ReconnectCountdown> countdown = Optional.empty();
    private final Runnable tick = this::tick;
    LongSupplier clock = System::currentTimeMillis;

    @PostConstruct
    void createControls(Composite parent, ChatModel chatModel) {
        this.model = chatModel;
        Composite box = new Composite(parent, SWT.NONE);
        box.setLayout(new FillLayout());
        label = new Label(box, SWT.NONE);
        label.setData("org.eclipse.e4.ui.css.id", "ParleyStatus");
        chatModel.addListener(this);
        directoryChanged(chatModel.service().snapshot());
    }

    @PreDestroy
    void dispose() {
        model.removeListener(this);
        if (!label.isDisposed()) {
            label.getDisplay().timerExec(-1, tick);
        }
    }

    /** The status text for a snapshot; package-visible for tests. */
    static String describe(ChatSnapshot s, String detail) {
        switch (s.state()) {
            case CONNECTED:
                return "Connected to " + s.relay().orElse("?") + " as " + s.user().orElse("?")
                        + s.relayFingerprint().map(f -> "   \u00b7   " + s.tlsProtocol().orElse("TLS")
                                + ", pinned relay certificate SHA-256 " + shortFingerprint(f))
                                .orElse("   \u00b7   UNENCRYPTED CONNECTION (ws://)")
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
        show(model.service().snapshot());
    }

    @Override
    public void directoryChanged(ChatSnapshot snapshot) {
        countdown = snapshot.state() == ConnectionState.RECONNECTING
                ? ReconnectCountdown.parse(model.connectionDetail(), clock.getAsLong()) : Optional.empty();
        show(snapshot);
        if (countdown.isPresent() && !label.isDisposed()) {
            label.getDisplay().timerExec(1000, tick);
        }
    }

    /** Called once a second while a reconnect countdown runs; package-visible for tests. */
    void tick() {
        if (label.isDisposed() || countdown.isEmpty()) {
            return;
        }
        show(model.service().snapshot());
        if (countdown.get().secondsLeft(clock.getAsLong()) > 0) {
            label.getDisplay().timerExec(1000, tick);
        }
    }

    private void show(ChatSnapshot snapshot) {
        if (label.isDisposed()) {
            return;
        }
        String detail = countdown.map(c -> c.describe(clock.getAsLong())).orElse(model.connectionDetail());
        label.setText(describe(snapshot, detail));
        label.setToolTipText(snapshot.relayFingerprint().map(f -> "Pinned relay certificate SHA-256: " + f).orElse(null));
        label.getParent().getParent().layout(true, true);
    }

    /** The text shown; for tests. */
    String text() {
        return label.getText();
    }
}

package org.parley.ui;

import java.util.function.Consumer;

import org.eclipse.jface.notifications.NotificationPopup;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Display;
import org.parley.chat.ChatMessage;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.Conversation;
import org.parley.ui.model.ChatModel;
import org.parley.ui.model.NotificationPolicy;

/**
 * Shows a desktop notification for a message that arrives in a conversation the user is not looking
 * at, when notifications are on in the preferences ({@link NotificationPolicy}).
 *
 * <h3>Threading</h3>
 * UI thread only (a {@link ChatModel.Listener}).
 */
public final class DesktopNotifier implements ChatModel.Listener {

    private final ClientSettings settings;
    private final ConversationOpener opener;
    private final Consumer<ChatMessage> popup;

    public DesktopNotifier(ClientSettings settings, ConversationOpener opener, Consumer<ChatMessage> popup) {
        this.settings = settings;
        this.opener = opener;
        this.popup = popup;
    }

    /**
     * Notifications as JFace popups in the corner of the screen, for a few seconds; clicking one opens
     * its conversation.
     */
    public static Consumer<ChatMessage> popups(Display display, ConversationOpener opener) {
        return message -> NotificationPopup.forDisplay(display)
                .title(NotificationPolicy.title(message), true)
                .content(parent -> {
                    Label preview = new Label(parent, SWT.WRAP);
                    preview.setText(NotificationPolicy.preview(message));
                    preview.setCursor(display.getSystemCursor(SWT.CURSOR_HAND));
                    preview.setToolTipText("Open the conversation");
                    preview.addListener(SWT.MouseUp, e -> {
                        opener.open(message.conversation(), true);
                        preview.getShell().close();
                    });
                    return preview;
                })
                .delay(6000)
                .open();
    }

    @Override
    public void messageReceived(ChatMessage message) {
        if (NotificationPolicy.shouldNotify(message, settings.notifications(), opener.isInView(message.conversation()))) {
            popup.accept(message);
        }
    }

    @Override
    public void conversationChanged(Conversation conversation) {
        // only new messages matter
    }

    @Override
    public void directoryChanged(ChatSnapshot snapshot) {
        // only new messages matter
    }
}

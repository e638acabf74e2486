package org.parley.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.Test;
import org.parley.chat.ChatMessage;
import org.parley.chat.Conversation;
import org.parley.ui.model.NotificationPolicy;

class NotificationsTest {

    private static ChatMessage message(boolean outgoing, String text) {
        return new ChatMessage("1", Conversation.with("bob"), outgoing ? "alice" : "bob", outgoing, text,
                "rsa-oaep-aes-gcm", 0, outgoing ? ChatMessage.Status.SENT : ChatMessage.Status.RECEIVED);
    }

    @Test
    void notifyOnlyWhenOnAndTheConversationIsNotInView() {
        assertTrue(NotificationPolicy.shouldNotify(message(false, "hi"), true, false));
        assertFalse(NotificationPolicy.shouldNotify(message(false, "hi"), true, true), "in view");
        assertFalse(NotificationPolicy.shouldNotify(message(false, "hi"), false, false), "preference off");
        assertFalse(NotificationPolicy.shouldNotify(message(true, "hi"), true, false), "own message");
    }

    @Test
    void thePreviewIsTheFirstLineCutShort() {
        assertEquals("first \u2026", NotificationPolicy.preview(message(false, "first\nsecond")));
        assertEquals(100, NotificationPolicy.preview(message(false, "x".repeat(500))).length());
        assertEquals("bob", NotificationPolicy.title(message(false, "hi")));
    }

    @Test
    void theNotifierFollowsThePreferenceAndWhatIsInView() {
        ClientSettings settings = new ClientSettings(InstanceScope.INSTANCE.getNode("org.parley.ui.test." + UUID.randomUUID()));
        List<Conversation> inView = new ArrayList<>();
        ConversationOpener opener = new ConversationOpener() {
            @Override
            public void open(Conversation conversation, boolean activate) {
            }

            @Override
            public boolean isInView(Conversation conversation) {
                return inView.contains(conversation);
            }
        };
        List<ChatMessage> shown = new ArrayList<>();
        DesktopNotifier notifier = new DesktopNotifier(settings, opener, shown::add);
        notifier.messageReceived(message(false, "one"));
        inView.add(Conversation.with("bob"));
        notifier.messageReceived(message(false, "two"));
        inView.clear();
        settings.setNotifications(false);
        notifier.messageReceived(message(false, "three"));
        assertEquals(List.of("one"), shown.stream().map(ChatMessage::text).toList());
    }

    @Test
    void clickingTheNotificationOpensItsConversation() {
        org.eclipse.swt.widgets.Display display = org.eclipse.swt.widgets.Display.getDefault();
        java.util.List<Conversation> opened = new java.util.ArrayList<>();
        DesktopNotifier.popups(display, (conversation, activate) -> opened.add(conversation))
                .accept(message(false, "open me"));
        org.eclipse.swt.widgets.Label preview = null;
        for (org.eclipse.swt.widgets.Shell shell : display.getShells()) {
            preview = findPreview(shell, "open me");
            if (preview != null) {
                break;
            }
        }
        assertTrue(preview != null, "the popup shows the preview");
        preview.notifyListeners(org.eclipse.swt.SWT.MouseUp, new org.eclipse.swt.widgets.Event());
        assertEquals(java.util.List.of(Conversation.with("bob")), opened);
        while (display.readAndDispatch()) {
            // let the popup close
        }
    }

    private static org.eclipse.swt.widgets.Label findPreview(org.eclipse.swt.widgets.Control control, String text) {
        if (control instanceof org.eclipse.swt.widgets.Label label && text.equals(label.getText())) {
            return label;
        }
        if (control instanceof org.eclipse.swt.widgets.Composite composite) {
            for (org.eclipse.swt.widgets.Control child : composite.getChildren()) {
                org.eclipse.swt.widgets.Label found = findPreview(child, text);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}

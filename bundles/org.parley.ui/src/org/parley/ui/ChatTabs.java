package org.parley.ui;

import java.util.List;
import java.util.Optional;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.parley.chat.Conversation;

/**
 * Finds the conversation commands act on: the active part if it is a conversation, else the tab showing
 * in the conversations stack (so Ctrl+W and Export work while the contacts list has the focus).
 */
public final class ChatTabs {

    private ChatTabs() {
    }

    public static Optional<MPart> current(MPart active, MApplication application, EModelService models) {
        if (conversationOf(active).isPresent()) {
            return Optional.of(active);
        }
        List<MPartStack> stacks = models.findElements(application, PartConversationOpener.CHAT_STACK, MPartStack.class);
        for (MPartStack stack : stacks) {
            MUIElement selected = stack.getSelectedElement();
            if (selected instanceof MPart part && conversationOf(part).isPresent()) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }

    /** The conversation a part shows, if it is a conversation part. */
    public static Optional<Conversation> conversationOf(MPart part) {
        if (part == null) {
            return Optional.empty();
        }
        String peer = part.getPersistedState().get(PartConversationOpener.CONVERSATION_KEY);
        return peer == null ? Optional.empty() : Optional.of(new Conversation(peer));
    }
}

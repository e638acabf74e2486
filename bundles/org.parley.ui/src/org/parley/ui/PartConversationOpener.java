package org.parley.ui;

import java.util.List;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.swt.widgets.Shell;
import org.parley.chat.Conversation;

/**
 * Opens one closeable chat part per conversation in the chat part stack, created from the chat part
 * descriptor; the conversation is kept in the part's persisted state under {@link #CONVERSATION_KEY}.
 */
public final class PartConversationOpener implements ConversationOpener {

    public static final String CONVERSATION_KEY = "parley.conversation";
    static final String CHAT_DESCRIPTOR = "org.parley.ui.partdescriptor.chat";
    static final String CHAT_STACK = "org.parley.ui.partstack.chats";

    private final MApplication application;

    public PartConversationOpener(MApplication application) {
        this.application = application;
    }

    @Override
    public void open(Conversation conversation, boolean activate) {
        MWindow window = application.getSelectedElement() != null ? application.getSelectedElement()
                : application.getChildren().get(0);
        EPartService parts = window.getContext().get(EPartService.class);
        EModelService models = window.getContext().get(EModelService.class);
        MPart part = find(models, window, conversation);
        if (part == null) {
            part = parts.createPart(CHAT_DESCRIPTOR);
            part.setLabel(conversation.title());
            part.setElementId(CHAT_DESCRIPTOR + "." + conversation.peer());
            part.getPersistedState().put(CONVERSATION_KEY, conversation.peer());
            List<MPartStack> stacks = models.findElements(window, CHAT_STACK, MPartStack.class);
            stacks.get(0).getChildren().add(part);
            // CREATE adds the tab without taking it from the conversation the user is looking at
            parts.showPart(part, activate ? PartState.ACTIVATE : PartState.CREATE);
        } else if (activate) {
            parts.showPart(part, PartState.ACTIVATE);
        }
    }

    @Override
    public boolean isInView(Conversation conversation) {
        MWindow window = application.getSelectedElement();
        if (window == null || !(window.getWidget() instanceof Shell shell) || shell.isDisposed()
                || shell.getDisplay().getActiveShell() != shell || shell.getMinimized()) {
            return false;
        }
        EPartService parts = window.getContext().get(EPartService.class);
        MPart part = find(window.getContext().get(EModelService.class), window, conversation);
        return part != null && parts.isPartVisible(part);
    }

    private static MPart find(EModelService models, MWindow window, Conversation conversation) {
        for (MPart part : models.findElements(window, null, MPart.class)) {
            if (conversation.peer().equals(part.getPersistedState().get(CONVERSATION_KEY))) {
                return part;
            }
        }
        return null;
    }
}

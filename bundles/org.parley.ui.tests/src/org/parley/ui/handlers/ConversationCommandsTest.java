package org.parley.ui.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.junit.jupiter.api.Test;
import org.parley.chat.Conversation;
import org.parley.ui.ChatTabs;
import org.parley.ui.PartConversationOpener;

/** Close and export act on the active conversation, or on the tab in view while the contacts list is active. */
class ConversationCommandsTest {

    private final MPart contacts = MBasicFactory.INSTANCE.createPart();
    private final MPart bob = MBasicFactory.INSTANCE.createPart();
    private final MPartStack chats = MBasicFactory.INSTANCE.createPartStack();
    private final EModelService models = (EModelService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {EModelService.class}, (proxy, method, args) -> method.getName().equals("findElements")
                    ? List.of(chats) : null);

    ConversationCommandsTest() {
        bob.getPersistedState().put(PartConversationOpener.CONVERSATION_KEY, "bob");
        chats.getChildren().add(bob);
        chats.setSelectedElement(bob);
    }

    @Test
    void theConversationIsTheActivePartOrTheTabInView() {
        assertEquals(Optional.of(bob), ChatTabs.current(bob, null, models));
        assertEquals(Optional.of(bob), ChatTabs.current(contacts, null, models));
        assertEquals(Optional.of(Conversation.with("bob")), ChatTabs.conversationOf(bob));
        chats.setSelectedElement(null);
        assertEquals(Optional.empty(), ChatTabs.current(contacts, null, models));
    }

    @Test
    void closeHidesTheConversationTab() {
        List<MPart> hidden = new ArrayList<>();
        EPartService parts = (EPartService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EPartService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("hidePart") && args.length == 2) {
                        assertTrue((Boolean) args[1], "a closed conversation part is removed, not just hidden");
                        hidden.add((MPart) args[0]);
                    }
                    return null;
                });
        CloseConversationHandler handler = new CloseConversationHandler();
        assertTrue(handler.canExecute(contacts, null, models));
        handler.execute(contacts, null, models, parts);
        assertEquals(List.of(bob), hidden);
        chats.setSelectedElement(null);
        assertFalse(handler.canExecute(contacts, null, models), "nothing to close");
    }

    @Test
    void searchAndExportNeedAHistory() {
        assertFalse(new SearchHistoryHandler().canExecute(null));
        assertFalse(new ExportConversationHandler().canExecute(null, bob, null, models));
        assertTrue(new ExportConversationHandler().canExecute(new org.parley.ui.FakeHistoryService(), bob, null, models));
    }
}

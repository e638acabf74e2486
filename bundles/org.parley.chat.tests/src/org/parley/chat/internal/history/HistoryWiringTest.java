package org.parley.chat.internal.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.chat.internal.history.HistoryFixtures.await;
import static org.parley.chat.internal.history.HistoryFixtures.failure;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.parley.chat.ChatException;
import org.parley.chat.Conversation;
import org.parley.chat.HistoryService;
import org.parley.chat.IdentityService;
import org.parley.chat.internal.ChatServiceComponent;

/** The chat component serves the history, locked until its identity is created or unlocked. */
class HistoryWiringTest {

    @TempDir
    Path home;

    @Test
    void theHistoryOpensWithTheIdentityAndClosesWithTheComponent() throws Exception {
        ChatServiceComponent component = activate();
        HistoryService history = component;
        try {
            Throwable locked = failure(history.count(Conversation.everyone()));
            assertInstanceOf(ChatException.class, locked);
            assertEquals(LocalHistory.LOCKED_MESSAGE, locked.getMessage());

            await(((IdentityService) component).createIdentity("alice", "pw".toCharArray()));
            assertEquals(0, await(history.count(Conversation.everyone())));
            Path file = home.resolve(LocalHistory.FILE_NAME);
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
            assertEquals(List.of(), await(history.conversations()));
        } finally {
            deactivate(component);
        }
        Throwable closed = failure(history.count(Conversation.everyone()));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());

        ChatServiceComponent again = activate();
        try {
            assertEquals(LocalHistory.LOCKED_MESSAGE, failure(again.count(Conversation.everyone())).getMessage());
            await(again.unlockIdentity("pw".toCharArray()));
            assertEquals(0, await(again.count(Conversation.everyone())));
        } finally {
            deactivate(again);
        }
    }

    // activate/deactivate are package-private (DS calls them); this test lives in the history package
    private ChatServiceComponent activate() throws Exception {
        ChatServiceComponent component = new ChatServiceComponent();
        Method activate = ChatServiceComponent.class.getDeclaredMethod("activate", BundleContext.class);
        activate.setAccessible(true);
        activate.invoke(component, context(Map.of("parley.home", home.toString())));
        return component;
    }

    private static void deactivate(ChatServiceComponent component) throws Exception {
        Method deactivate = ChatServiceComponent.class.getDeclaredMethod("deactivate");
        deactivate.setAccessible(true);
        deactivate.invoke(component);
    }

    private static BundleContext context(Map<String, String> properties) {
        return (BundleContext) Proxy.newProxyInstance(HistoryWiringTest.class.getClassLoader(),
                new Class<?>[] { BundleContext.class }, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return properties.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

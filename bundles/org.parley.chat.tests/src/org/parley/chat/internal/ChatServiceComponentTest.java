package org.parley.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.parley.chat.ConnectionState;

class ChatServiceComponentTest {

    @TempDir
    Path home;

    @Test
    void dataDirectoryDefaultsToDotParleyInTheHomeDirectory() {
        assertEquals(Paths.get(System.getProperty("user.home"), ".parley"), ChatServiceComponent.dataDirectory(null));
        assertEquals(Paths.get("/x/y"), ChatServiceComponent.dataDirectory("/x/y"));
    }

    @Test
    void schemesComeAndGoWhileActive() {
        ChatServiceComponent component = new ChatServiceComponent();
        FakeScheme late = new FakeScheme("zz-late");
        FakeScheme main = new FakeScheme(SchemeRegistry.DEFAULT_SCHEME_ID);
        component.bindScheme(late); // DS may bind before activation
        component.activate(context(Map.of("parley.home", home.toString())));
        try {
            component.bindScheme(main);
            assertEquals(List.of(SchemeRegistry.DEFAULT_SCHEME_ID, "zz-late"),
                    component.schemes().stream().map(s -> s.id()).toList());
            component.unbindScheme(late);
            assertEquals(List.of(SchemeRegistry.DEFAULT_SCHEME_ID),
                    component.schemes().stream().map(s -> s.id()).toList());
            assertEquals(ConnectionState.DISCONNECTED, component.snapshot().state());
        } finally {
            component.deactivate();
        }
    }

    @Test
    void plaintextRelaysAreRefusedUnlessTheFrameworkPropertyAllowsThem() throws Exception {
        ChatServiceComponent component = new ChatServiceComponent();
        component.bindScheme(new FakeScheme(SchemeRegistry.DEFAULT_SCHEME_ID));
        component.activate(context(Map.of("parley.home", home.toString())));
        try {
            component.createIdentity("alice", "pw".toCharArray()).get(30, TimeUnit.SECONDS);
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> component.connect(URI.create("ws://127.0.0.1:9/"), "alice").get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("unencrypted ws://"), e.getCause().getMessage());
            assertFalse(home.resolve(ChatServiceComponent.PINS_FILE).toFile().exists(), "nothing pinned");
        } finally {
            component.deactivate();
        }
    }

    @Test
    void oneComponentServesChatIdentityAndTrustFromTheDataDirectory() throws Exception {
        ChatServiceComponent component = new ChatServiceComponent();
        assertTrue(component instanceof org.parley.chat.IdentityService);
        assertTrue(component instanceof org.parley.chat.TrustService);
        component.bindScheme(new FakeScheme(SchemeRegistry.DEFAULT_SCHEME_ID));
        component.activate(context(Map.of("parley.home", home.toString())));
        try {
            assertEquals(org.parley.chat.IdentityService.State.NONE, component.identityStatus().state());
            component.createIdentity("alice", "pw".toCharArray()).get(30, TimeUnit.SECONDS);
            assertTrue(home.resolve(org.parley.identity.IdentityStore.FILE_NAME).toFile().isFile());
            assertEquals(java.util.Optional.of("alice"), component.identityStatus().user());
            assertTrue(component.safetyNumber("nobody").isEmpty());
        } finally {
            component.deactivate();
        }
    }

    private static BundleContext context(Map<String, String> properties) {
        return (BundleContext) Proxy.newProxyInstance(ChatServiceComponentTest.class.getClassLoader(),
                new Class<?>[] { BundleContext.class }, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return properties.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

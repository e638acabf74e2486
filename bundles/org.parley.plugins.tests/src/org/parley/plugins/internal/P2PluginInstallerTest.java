package org.parley.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.OpenRequest;
import org.parley.crypto.api.SchemeInfo;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.crypto.api.SchemeState;
import org.parley.crypto.api.SealRequest;
import org.parley.plugins.InstallProgress;
import org.parley.plugins.InstalledScheme;
import org.parley.plugins.PluginException;
import org.parley.plugins.PluginException.Reason;

/** The installer component in the test framework: scheme listing from real services, early errors. */
class P2PluginInstallerTest {

    @TempDir
    Path dir;

    private BundleContext context;
    private ServiceRegistration<CryptoScheme> registration;
    private final P2PluginInstaller installer = new P2PluginInstaller();

    @BeforeEach
    void setUp() {
        context = FrameworkUtil.getBundle(P2PluginInstaller.class).getBundleContext();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(CryptoScheme.SCHEME_ID_PROPERTY, "zz-test-scheme");
        registration = context.registerService(CryptoScheme.class, new TestScheme(), props);
        installer.activate(context);
    }

    @AfterEach
    void tearDown() {
        installer.deactivate();
        registration.unregister();
    }

    @Test
    void installedSchemesComeFromTheRegisteredServicesAndTheirBundles() {
        List<InstalledScheme> schemes = installer.installedSchemes();
        InstalledScheme test = schemes.stream().filter(s -> s.id().equals("zz-test-scheme")).findFirst().orElseThrow();
        assertEquals("Test scheme", test.name());
        assertEquals("org.parley.plugins", test.bundle());
        assertEquals(context.getBundle().getVersion().toString(), test.version());
        registration.unregister();
        registration = context.registerService(CryptoScheme.class, new TestScheme(), new Hashtable<>());
        assertTrue(installer.installedSchemes().stream().anyMatch(s -> s.id().equals("zz-test-scheme")),
                "without the property the scheme's own id is used");
    }

    @Test
    void aFolderThatIsNotARepositoryFailsBeforeP2IsAsked() throws Exception {
        Files.writeString(dir.resolve("README.txt"), "not a repository");
        PluginException e = assertThrows(PluginException.class, () -> installer.load(dir.toString(), InstallProgress.NONE));
        assertEquals(Reason.NOT_A_REPOSITORY, e.reason());
    }

    private static final class TestScheme implements CryptoScheme {
        @Override
        public SchemeInfo info() {
            return new SchemeInfo("zz-test-scheme", "Test scheme");
        }

        @Override
        public SchemeKeyPair generateKeyPair() {
            throw new UnsupportedOperationException("not needed by the listing");
        }

        @Override
        public byte[] seal(SealRequest request, SchemeState state) {
            throw new UnsupportedOperationException("not needed by the listing");
        }

        @Override
        public byte[] open(OpenRequest request, SchemeState state) {
            throw new UnsupportedOperationException("not needed by the listing");
        }
    }
}

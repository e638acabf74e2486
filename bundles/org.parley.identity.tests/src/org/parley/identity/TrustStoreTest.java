package org.parley.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStoreTest {

    @TempDir
    Path dir;

    private final byte[] first = Ed25519.generate().publicKey();
    private final byte[] second = Ed25519.generate().publicKey();

    @Test
    void trustOnFirstUseThenChangedThenAccepted() throws Exception {
        TrustStore trust = new TrustStore(dir.resolve(TrustStore.FILE_NAME));
        assertEquals(TrustState.TRUSTED, trust.check("bob", first));
        assertEquals(TrustState.TRUSTED, trust.check("bob", first));
        trust.setVerified("bob", true);
        assertEquals(TrustState.VERIFIED, trust.check("bob", first));
        assertEquals(TrustState.CHANGED, trust.check("bob", second));
        assertArrayEquals(first, trust.pinned("bob").orElseThrow(), "a changed key never replaces the pin");
        trust.accept("bob", second);
        assertEquals(TrustState.TRUSTED, trust.check("bob", second), "accepting resets verification");
        assertEquals(TrustState.CHANGED, trust.check("bob", first));
    }

    @Test
    void pinsPersistOwnerOnly() throws Exception {
        Path file = dir.resolve(TrustStore.FILE_NAME);
        TrustStore trust = new TrustStore(file);
        trust.check("bob", first);
        trust.check("carol", second);
        trust.setVerified("carol", true);
        TrustStore again = new TrustStore(file);
        assertEquals(TrustState.CHANGED, again.check("bob", second));
        assertEquals(TrustState.VERIFIED, again.check("carol", second));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void verifyingAnUnknownUserIsRefused() {
        assertThrows(IllegalStateException.class, () -> TrustStore.inMemory().setVerified("nobody", true));
    }

    @Test
    void damagedFileIsRefusedRatherThanRepinned() throws Exception {
        Path file = dir.resolve(TrustStore.FILE_NAME);
        Files.writeString(file, "bob not-base64!! trusted\n");
        IOException e = assertThrows(IOException.class, () -> new TrustStore(file).check("bob", first));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }
}

package org.parley.relay.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvStoreUserRegistryTest extends UserRegistryContractTest {
    @TempDir
    Path dir;
    private MvStoreUserRegistry open;

    @Override
    protected UserRegistry registry() {
        try {
            open = MvStoreUserRegistry.open(dir);
            return open;
        } catch (RegistryException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void close() {
        if (open != null) {
            open.close();
        }
    }

    @Test
    void bindingsSurviveReopeningAndTheFileIsOwnerOnly() throws Exception {
        try (MvStoreUserRegistry r = MvStoreUserRegistry.open(dir)) {
            r.bind("alice", KEY_A, 1234);
        }
        try (MvStoreUserRegistry r = MvStoreUserRegistry.open(dir)) {
            RegisteredUser alice = r.find("alice").orElseThrow();
            assertTrue(alice.hasIdentityKey(KEY_A));
            assertEquals(1234, alice.firstSeen());
            assertTrue(r.bind("alice", KEY_B, 5).hasIdentityKey(KEY_A));
        }
        Path file = dir.resolve(MvStoreUserRegistry.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aBindingIsDurableBeforeBindReturns() throws Exception {
        MvStoreUserRegistry r = MvStoreUserRegistry.open(dir);
        r.bind("dave", KEY_B, 7);
        // Read the file while the store is still open (and unclosed): the commit is on disk already.
        Path copy = Files.createDirectory(dir.resolve("copy"));
        Files.copy(dir.resolve(MvStoreUserRegistry.FILE_NAME), copy.resolve(MvStoreUserRegistry.FILE_NAME));
        r.close();
        try (MvStoreUserRegistry fromCopy = MvStoreUserRegistry.open(copy)) {
            assertTrue(fromCopy.find("dave").orElseThrow().hasIdentityKey(KEY_B));
        }
    }

    @Test
    void aSecondOpenOfTheSameFileFails() throws Exception {
        try (MvStoreUserRegistry r = MvStoreUserRegistry.open(dir)) {
            RegistryException e = assertThrows(RegistryException.class, () -> MvStoreUserRegistry.open(dir));
            assertTrue(e.getMessage().contains(MvStoreUserRegistry.FILE_NAME), e.getMessage());
        }
    }
}

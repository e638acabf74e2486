package org.parley.chat.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.parley.chat.ChatException;
import org.parley.chat.IdentityService;
import org.parley.chat.IdentityStatus;
import org.parley.identity.IdentityStore;

/** {@link IdentityService} through the client. */
class ChatClientIdentityTest extends ChatClientTestBase {

    @Test
    void statusFollowsCreateLockAndUnlock() throws Exception {
        IdentityStatus unlocked = client.identityStatus();
        assertEquals(IdentityService.State.UNLOCKED, unlocked.state());
        assertEquals(Optional.of("alice"), unlocked.user());

        ChatClient later = newClient(Duration.ofSeconds(5));
        assertEquals(new IdentityStatus(IdentityService.State.LOCKED, Optional.of("alice"), unlocked.fingerprint()),
                later.identityStatus());
        ExecutionException wrong = assertThrows(ExecutionException.class,
                () -> later.unlockIdentity("guess".toCharArray()).get());
        assertInstanceOf(ChatException.class, wrong.getCause());
        assertTrue(wrong.getCause().getMessage().startsWith("Wrong passphrase"), wrong.getCause().getMessage());
        assertEquals(IdentityService.State.LOCKED, later.identityStatus().state());
        later.unlockIdentity(PASSPHRASE).get();
        assertEquals(unlocked, later.identityStatus());
    }

    @Test
    void aSecondIdentityIsRefusedAndNamesAreChecked() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.createIdentity("alice", PASSPHRASE).get());
        assertTrue(e.getCause().getMessage().contains("exists already"), e.getCause().getMessage());
        assertThrows(ExecutionException.class, () -> client.createIdentity("a b", PASSPHRASE).get());
    }

    @Test
    void theCallersPassphraseArrayCanBeWipedAtOnce() throws Exception {
        ChatClient later = newClient(Duration.ofSeconds(5));
        char[] mine = PASSPHRASE.clone();
        var unlocking = later.unlockIdentity(mine);
        java.util.Arrays.fill(mine, '\0');
        unlocking.get();
        assertEquals(IdentityService.State.UNLOCKED, later.identityStatus().state());
    }

    @Test
    void exportAndImportMoveTheIdentity() throws Exception {
        Path export = home.resolve("backup.parley");
        client.exportIdentity(export).get();
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        ChatClient other = new ChatClient(registry, relay, Runnable::run, Duration.ofSeconds(5),
                new IdentityStore(elsewhere, FAST), org.parley.identity.TrustStore.inMemory(), clock);
        assertEquals(IdentityService.State.NONE, other.identityStatus().state());
        assertThrows(ExecutionException.class, () -> other.importIdentity(export, "nope".toCharArray()).get());
        assertEquals(IdentityService.State.NONE, other.identityStatus().state());
        other.importIdentity(export, PASSPHRASE).get();
        assertEquals(client.identityStatus(), other.identityStatus());
        assertArrayEquals(Files.readAllBytes(home.resolve(IdentityStore.FILE_NAME)),
                Files.readAllBytes(elsewhere.resolve(IdentityStore.FILE_NAME)));
    }
}

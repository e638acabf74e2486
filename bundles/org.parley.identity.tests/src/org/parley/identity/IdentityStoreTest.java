package org.parley.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.crypto.api.SecretAccess;
import org.parley.crypto.api.SecretBytes;

class IdentityStoreTest {

    /** Cheap parameters so tests stay fast; {@link #defaultParametersTakeAFractionOfASecond} checks the real ones. */
    static final KdfParameters FAST = new KdfParameters(64, 1, 1);

    @TempDir
    Path dir;

    private static char[] pass(String s) {
        return s.toCharArray();
    }

    private static SchemeKeyPair pair(int seed) {
        byte[] secret = { (byte) seed, 2, 3 };
        return new SchemeKeyPair(new byte[] { (byte) seed, 9 }, SecretBytes.copyFrom(secret, SecretAccess.get()));
    }

    private IdentityStore store(Path home) {
        return new IdentityStore(home, FAST);
    }

    @Test
    void createThenUnlockInANewStoreRestoresEveryKey() throws Exception {
        Identity created = store(dir).create("alice", pass("correct horse"), Map.of("s1", pair(1)));
        IdentityStore later = store(dir);
        assertTrue(later.current().isEmpty());
        assertEquals("alice", later.peek().orElseThrow().getKey());
        Identity unlocked = later.unlock(pass("correct horse"));
        assertEquals("alice", unlocked.user());
        assertEquals(created.created(), unlocked.created());
        assertArrayEquals(created.publicKey(), unlocked.publicKey());
        assertTrue(created.identityKey().privateKey().equalsSecretBytes(unlocked.identityKey().privateKey()));
        assertArrayEquals(new byte[] { 1, 9 }, unlocked.schemeKeys().get("s1").publicKey());
        assertArrayEquals(new byte[] { 1, 2, 3 },
                unlocked.schemeKeys().get("s1").privateKey().toByteArray(SecretAccess.get()));
        byte[] message = { 4, 2 };
        Ed25519.verify(created.publicKey(), message, unlocked.sign(message));
    }

    @Test
    void wrongPassphraseIsClearAndChangesNothing() throws Exception {
        store(dir).create("alice", pass("right"), Map.of());
        byte[] before = Files.readAllBytes(dir.resolve(IdentityStore.FILE_NAME));
        IdentityStore later = store(dir);
        WrongPassphraseException e = assertThrows(WrongPassphraseException.class, () -> later.unlock(pass("wrong")));
        assertTrue(e.getMessage().startsWith("Wrong passphrase"), e.getMessage());
        assertTrue(later.current().isEmpty());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve(IdentityStore.FILE_NAME)));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void fileIsOwnerOnlyAndHoldsNoPlaintextSecrets() throws Exception {
        Path home = dir.resolve("home");
        Identity id = store(home).create("alice", pass("pw"), Map.of("s1", pair(77)));
        Path file = home.resolve(IdentityStore.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        byte[] bytes = Files.readAllBytes(file);
        byte[] seed = id.identityKey().privateKey().toByteArray(SecretAccess.get());
        assertFalse(java.util.HexFormat.of().formatHex(bytes).contains(java.util.HexFormat.of().formatHex(seed)));
    }

    @Test
    void secondCreateIsRefused() throws Exception {
        store(dir).create("alice", pass("pw"), Map.of());
        assertThrows(FileAlreadyExistsException.class, () -> store(dir).create("alice", pass("pw"), Map.of()));
    }

    @Test
    void addedSchemeKeysAreSavedEncrypted() throws Exception {
        IdentityStore s = store(dir);
        s.create("alice", pass("pw"), Map.of("s1", pair(1)));
        s.addSchemeKeys(Map.of("s2", pair(2)));
        Identity again = store(dir).unlock(pass("pw"));
        assertEquals(java.util.List.of("s1", "s2"), java.util.List.copyOf(again.schemeKeys().keySet()));
    }

    @Test
    void exportAndImportMoveAnIdentityBetweenDataDirectories() throws Exception {
        Identity original = store(dir.resolve("a")).create("alice", pass("pw"), Map.of());
        Path export = dir.resolve("alice.parley");
        store(dir.resolve("a")).exportTo(export);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(export)));

        IdentityStore other = store(dir.resolve("b"));
        other.create("bob", pass("bobs"), Map.of());
        byte[] bobFile = Files.readAllBytes(other.file());
        assertThrows(WrongPassphraseException.class, () -> other.importFrom(export, pass("nope")));
        assertArrayEquals(bobFile, Files.readAllBytes(other.file()), "a failed import changes nothing");

        Identity imported = other.importFrom(export, pass("pw"));
        assertArrayEquals(original.publicKey(), imported.publicKey());
        assertEquals("alice", store(dir.resolve("b")).unlock(pass("pw")).user());
    }

    @Test
    void damagedFilesFailClearly() throws Exception {
        store(dir).create("alice", pass("pw"), Map.of());
        Path file = dir.resolve(IdentityStore.FILE_NAME);
        byte[] good = Files.readAllBytes(file);

        Files.write(file, java.util.Arrays.copyOf(good, good.length - 5));
        assertTrue(assertThrows(InvalidIdentityFileException.class, () -> store(dir).unlock(pass("pw")))
                .getMessage().contains("damaged"));
        Files.write(file, "{\"not\":\"parley\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(assertThrows(InvalidIdentityFileException.class, () -> store(dir).unlock(pass("pw")))
                .getMessage().contains("not a Parley identity file"));
        byte[] flipped = good.clone();
        flipped[flipped.length - 1] ^= 1; // inside the GCM tag: indistinguishable from a wrong passphrase
        Files.write(file, flipped);
        assertThrows(WrongPassphraseException.class, () -> store(dir).unlock(pass("pw")));
        byte[] heavy = good.clone();
        int kdfMemory = 16 + 1 + 4 + 5 + 4 + 44 + 8 + 1; // offset of u32(memory KiB)
        heavy[kdfMemory] = 0x7f; // asks for ~2 TiB: refused before deriving
        Files.write(file, heavy);
        assertThrows(InvalidIdentityFileException.class, () -> store(dir).unlock(pass("pw")));
    }

    @Test
    void defaultParametersTakeAFractionOfASecond() {
        long start = System.nanoTime();
        KdfParameters.DEFAULT.derive(pass("a passphrase"), new byte[16]);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("Argon2id m=64MiB t=3 p=1 took " + millis + " ms");
        assertTrue(millis >= 50 && millis < 5000, millis + " ms");
        assertEquals(65536, KdfParameters.DEFAULT.memoryKiB());
        assertEquals(3, KdfParameters.DEFAULT.iterations());
    }
}

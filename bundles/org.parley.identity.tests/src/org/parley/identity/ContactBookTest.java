package org.parley.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContactBookTest {

    @TempDir
    Path dir;

    private final IdentityKeyPair bob = Ed25519.generate();
    private final IdentityKeyPair carol = Ed25519.generate();

    private SignedKeyBundle bundle(String user, IdentityKeyPair identity, long created, byte key) {
        return SignedKeyBundle.sign(user, identity, Map.of("rsa-oaep-aes-gcm", new byte[] {key, 2, 3},
                "test-b", new byte[] {9}), created);
    }

    @Test
    void theLatestVerifiedBundlePerUserPersistsOwnerOnly() throws Exception {
        Path file = dir.resolve(ContactBook.FILE_NAME);
        ContactBook book = new ContactBook(file);
        assertTrue(book.remember(bundle("carol", carol, 5, (byte) 1)));
        assertTrue(book.remember(bundle("bob", bob, 10, (byte) 1)));
        assertTrue(book.remember(bundle("bob", bob, 20, (byte) 2)));
        assertFalse(book.remember(bundle("bob", bob, 15, (byte) 3)), "an older bundle never replaces a newer one");

        ContactBook again = new ContactBook(file);
        assertEquals(List.of("bob", "carol"), again.all().stream().map(SignedKeyBundle::user).toList());
        SignedKeyBundle b = again.get("bob").orElseThrow();
        assertEquals(20, b.created());
        assertArrayEquals(new byte[] {2, 2, 3}, b.keys().get("rsa-oaep-aes-gcm"));
        assertArrayEquals(bob.publicKey(), b.identityKey());
        b.verify();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aNewIdentityKeyReplacesTheBundleWhateverItsDate() throws Exception {
        ContactBook book = ContactBook.inMemory();
        book.remember(bundle("bob", bob, 20, (byte) 1));
        IdentityKeyPair reinstalled = Ed25519.generate();
        assertTrue(book.remember(bundle("bob", reinstalled, 1, (byte) 1)));
        assertArrayEquals(reinstalled.publicKey(), book.get("bob").orElseThrow().identityKey());
    }

    @Test
    void aBundleThatDoesNotVerifyIsNeitherRememberedNorLoaded() throws Exception {
        SignedKeyBundle good = bundle("bob", bob, 10, (byte) 1);
        SignedKeyBundle relabelled = new SignedKeyBundle("mallory", good.identityKey(), good.keys(), good.created(),
                good.signature());
        ContactBook book = ContactBook.inMemory();
        assertThrows(GeneralSecurityException.class, () -> book.remember(relabelled));
        assertTrue(book.all().isEmpty());

        Path file = dir.resolve(ContactBook.FILE_NAME);
        new ContactBook(file).remember(good);
        Files.writeString(file, Files.readString(file).replace("\nbob ", "\nmallory "));
        IOException e = assertThrows(IOException.class, () -> new ContactBook(file).get("mallory"));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }
}

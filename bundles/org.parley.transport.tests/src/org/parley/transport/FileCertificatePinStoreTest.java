package org.parley.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCertificatePinStoreTest {

    private static final String A = "a".repeat(64);
    private static final String B = "0123456789abcdef".repeat(4);

    @TempDir
    Path dir;

    @Test
    void pinsPersistAcrossInstances() throws Exception {
        Path file = dir.resolve("home/relay-pins.txt");
        FileCertificatePinStore store = new FileCertificatePinStore(file);
        assertEquals(Optional.empty(), store.lookup("relay:8765"));
        store.save("relay:8765", A);
        store.save("[::1]:9000", B);

        FileCertificatePinStore reopened = new FileCertificatePinStore(file);
        assertEquals(Optional.of(A), reopened.lookup("relay:8765"));
        assertEquals(Optional.of(B), reopened.lookup("[::1]:9000"));
        reopened.remove("relay:8765");
        assertEquals(Optional.empty(), store.lookup("relay:8765"));
        assertEquals(Optional.of(B), store.lookup("[::1]:9000"));
        assertEquals(file.toAbsolutePath().toString(), store.describe());
    }

    @Test
    void fileAndNewDirectoryAreOwnerOnlyAndNoTemporaryFileRemains() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("new-home/relay-pins.txt");
        new FileCertificatePinStore(file).save("relay:8765", A);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void damagedFileIsAnErrorNotAMissingPin() throws Exception {
        Path file = dir.resolve("relay-pins.txt");
        Files.writeString(file, "# comment\nrelay:8765 " + A + "\nrelay:1 not-a-fingerprint\n");
        IOException e = assertThrows(IOException.class, () -> new FileCertificatePinStore(file).lookup("relay:8765"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void refusesMalformedInput() {
        FileCertificatePinStore store = new FileCertificatePinStore(dir.resolve("p.txt"));
        assertThrows(IllegalArgumentException.class, () -> store.save("relay:8765", "ABC"));
        assertThrows(IllegalArgumentException.class, () -> store.save("relay 8765", A));
    }

    @Test
    void fileIsHumanReadable() throws Exception {
        Path file = dir.resolve("p.txt");
        new FileCertificatePinStore(file).save("relay:8765", A);
        assertTrue(Files.readString(file).contains("relay:8765 " + A + "\n"));
    }
}

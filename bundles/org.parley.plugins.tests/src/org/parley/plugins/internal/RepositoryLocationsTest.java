package org.parley.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.plugins.PluginException;
import org.parley.plugins.PluginException.Reason;

class RepositoryLocationsTest {

    @TempDir
    Path dir;

    @Test
    void aFolderWithARepositoryIndexBecomesAFileUri() throws Exception {
        Files.writeString(dir.resolve("content.jar"), "x");
        URI uri = RepositoryLocations.parse("  " + dir + "  ");
        assertEquals("file", uri.getScheme());
        assertEquals(dir.toRealPath(), Path.of(uri).toRealPath());
        assertEquals(uri, RepositoryLocations.parse(dir.toUri().toString()), "file: URLs name the same folder");
    }

    @Test
    void p2IndexAloneIsEnough() throws Exception {
        Files.writeString(dir.resolve("p2.index"), "version=1");
        assertEquals("file", RepositoryLocations.parse(dir.toString()).getScheme());
    }

    @Test
    void aFolderWithoutIndexIsNotARepositoryAndTheInnerRepositoryFolderIsSuggested() throws Exception {
        Files.createDirectories(dir.resolve("repository"));
        PluginException e = assertThrows(PluginException.class, () -> RepositoryLocations.parse(dir.toString()));
        assertEquals(Reason.NOT_A_REPOSITORY, e.reason());
        assertTrue(e.getMessage().contains("is not a p2 repository"), e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean " + dir.toAbsolutePath().normalize().resolve("repository")),
                e.getMessage());
    }

    @Test
    void zippedRepositoriesAreOpenedAsArchives() throws Exception {
        Path zip = Files.writeString(dir.resolve("site.zip"), "PK");
        URI uri = RepositoryLocations.parse(zip.toString());
        assertEquals("jar", uri.getScheme());
        assertTrue(uri.toString().endsWith("site.zip!/"), uri.toString());
        Path other = Files.writeString(dir.resolve("notes.txt"), "x");
        assertEquals(Reason.NOT_A_REPOSITORY,
                assertThrows(PluginException.class, () -> RepositoryLocations.parse(other.toString())).reason());
    }

    @Test
    void missingFoldersRelativePathsAndEmptyInputAreInvalid() {
        PluginException missing = assertThrows(PluginException.class,
                () -> RepositoryLocations.parse(dir.resolve("nope").toString()));
        assertEquals(Reason.INVALID_LOCATION, missing.reason());
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        PluginException relative = assertThrows(PluginException.class, () -> RepositoryLocations.parse("target/repository"));
        assertTrue(relative.getMessage().contains("relative path"), relative.getMessage());
        assertEquals(Reason.INVALID_LOCATION,
                assertThrows(PluginException.class, () -> RepositoryLocations.parse("   ")).reason());
        assertEquals(Reason.INVALID_LOCATION,
                assertThrows(PluginException.class, () -> RepositoryLocations.parse(null)).reason());
        assertEquals(Reason.INVALID_LOCATION, assertThrows(PluginException.class,
                () -> RepositoryLocations.parse("/" + "a".repeat(RepositoryLocations.MAX_LENGTH))).reason());
    }

    @Test
    void httpsIsAcceptedPlainHttpOnlyForThisComputerOtherSchemesNot() throws Exception {
        assertEquals(URI.create("https://plugins.example.org/parley/"),
                RepositoryLocations.parse("https://plugins.example.org/parley"));
        assertEquals(URI.create("http://127.0.0.1:8080/site/"), RepositoryLocations.parse("http://127.0.0.1:8080/site/"));
        PluginException http = assertThrows(PluginException.class,
                () -> RepositoryLocations.parse("http://plugins.example.org/parley"));
        assertEquals(Reason.INVALID_LOCATION, http.reason());
        assertTrue(http.getMessage().contains("https://"), http.getMessage());
        PluginException ftp = assertThrows(PluginException.class, () -> RepositoryLocations.parse("ftp://example.org/x"));
        assertTrue(ftp.getMessage().startsWith("Unsupported kind of location"), ftp.getMessage());
        assertEquals(Reason.INVALID_LOCATION,
                assertThrows(PluginException.class, () -> RepositoryLocations.parse("https:///nohost")).reason());
        assertEquals(Reason.INVALID_LOCATION,
                assertThrows(PluginException.class, () -> RepositoryLocations.parse("https://exa mple.org/")).reason());
    }
}

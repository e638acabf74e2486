package org.parley.chat.internal.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.chat.internal.history.HistoryFixtures.BOB;
import static org.parley.chat.internal.history.HistoryFixtures.CAROL;
import static org.parley.chat.internal.history.HistoryFixtures.added;
import static org.parley.chat.internal.history.HistoryFixtures.await;
import static org.parley.chat.internal.history.HistoryFixtures.failure;
import static org.parley.chat.internal.history.HistoryFixtures.identity;
import static org.parley.chat.internal.history.HistoryFixtures.incoming;
import static org.parley.chat.internal.history.HistoryFixtures.outgoing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.chat.ChatEvent;
import org.parley.chat.ChatException;
import org.parley.chat.ChatMessage;
import org.parley.chat.HistoryService.ExportFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class HistoryExportTest {

    private static final long T0 = 1_700_000_000_000L; // 2023-11-14 22:13:20 UTC

    @TempDir
    Path home;
    @TempDir
    Path out;

    private LocalHistory history;

    @BeforeEach
    void fill() {
        history = new LocalHistory(home, ZoneOffset.UTC);
        await(history.open(identity("alice")));
        history.onEvent(added(outgoing(BOB, "1", "hi \"bob\"\nsecond line \\ ok", T0)));
        history.onEvent(new ChatEvent.MessageStatusChanged(BOB, "1", ChatMessage.Status.DELIVERED, null));
        history.onEvent(added(incoming(BOB, "bob", "2", "evil \u001b[31mred\u001b[0m \u202eabc\r\n[2023-01-01 00:00:00] alice: forged",
                T0 + 1000)));
        history.onEvent(new ChatEvent.Notice(BOB, "bob's identity key changed", T0 + 61_000));
        history.onEvent(added(incoming(CAROL, "carol", "3", "not in bob's export", T0)));
    }

    @AfterEach
    void shutdown() {
        history.shutdown();
    }

    @Test
    void textIsOneEscapedLinePerEntry() throws Exception {
        Path file = out.resolve("bob.txt");
        assertEquals(3, await(history.export(BOB, file, ExportFormat.TEXT)));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(List.of(
                "[2023-11-14 22:13:20] alice: hi \"bob\"\\nsecond line \\\\ ok",
                "[2023-11-14 22:13:21] bob: evil \\u001b[31mred\\u001b[0m \\u202eabc\\r\\n[2023-01-01 00:00:00] alice: forged",
                "[2023-11-14 22:14:21] * bob's identity key changed"), lines);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
    }

    @Test
    void jsonParsesBackToTheEntries() throws Exception {
        Path file = out.resolve("bob.json");
        assertEquals(3, await(history.export(BOB, file, ExportFormat.JSON)));
        JsonNode array = new ObjectMapper().readTree(file.toFile());
        assertTrue(array.isArray());
        assertEquals(3, array.size());
        JsonNode first = array.get(0);
        assertEquals(1, first.get("seq").asLong());
        assertEquals("MESSAGE", first.get("kind").asText());
        assertEquals("alice", first.get("sender").asText());
        assertEquals("hi \"bob\"\nsecond line \\ ok", first.get("text").asText());
        assertEquals("hybrid", first.get("scheme").asText());
        assertEquals(T0, first.get("timestamp").asLong());
        assertEquals("DELIVERED", first.get("status").asText());
        assertEquals("evil \u001b[31mred\u001b[0m \u202eabc\r\n[2023-01-01 00:00:00] alice: forged",
                array.get(1).get("text").asText());
        assertEquals("RECEIVED", array.get(1).get("status").asText());
        JsonNode notice = array.get(2);
        assertEquals("NOTICE", notice.get("kind").asText());
        assertEquals("bob's identity key changed", notice.get("text").asText());
        assertTrue(notice.get("sender").isNull());
        assertTrue(notice.get("scheme").isNull());
        assertTrue(notice.get("status").isNull());
        assertEquals(T0 + 61_000, notice.get("timestamp").asLong());
    }

    @Test
    void anExistingFileIsReplacedAtomicallyAndNoTemporaryFileIsLeft() throws Exception {
        Path file = out.resolve("bob.txt");
        Files.writeString(file, "old content that is much longer than one line\n".repeat(100));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(3, await(history.export(BOB, file, ExportFormat.TEXT)));
        assertEquals(3, Files.readAllLines(file).size());
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        try (var files = Files.list(out)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void anEmptyConversationExportsNothingButAValidFile() throws Exception {
        Path file = out.resolve("none.json");
        assertEquals(0, await(history.export(org.parley.chat.Conversation.with("nobody"), file, ExportFormat.JSON)));
        assertEquals(0, new ObjectMapper().readTree(file.toFile()).size());
    }

    @Test
    void ioFailuresAreClearChatExceptions() throws Exception {
        Throwable noFolder = failure(history.export(BOB, out.resolve("missing/bob.txt"), ExportFormat.TEXT));
        assertInstanceOf(ChatException.class, noFolder);
        assertTrue(noFolder.getMessage().contains("folder does not exist"), noFolder.getMessage());

        Throwable folder = failure(history.export(BOB, out, ExportFormat.TEXT));
        assertInstanceOf(ChatException.class, folder);
        assertTrue(folder.getMessage().contains("is a folder"), folder.getMessage());

        // a name the file system refuses (too long): the failure of the write itself
        Path refused = out.resolve("x".repeat(300) + ".txt");
        Throwable denied = failure(history.export(BOB, refused, ExportFormat.JSON));
        assertInstanceOf(ChatException.class, denied);
        assertTrue(denied.getMessage().startsWith("Could not export to "), denied.getMessage());
        try (var files = Files.list(out)) {
            assertEquals(List.of(), files.toList(), "no temporary file is left");
        }
    }
}

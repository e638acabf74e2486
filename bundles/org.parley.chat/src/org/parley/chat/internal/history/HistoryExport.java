package org.parley.chat.internal.history;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

import org.parley.chat.ChatException;
import org.parley.chat.HistoryEntry;
import org.parley.chat.HistoryService.ExportFormat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes a conversation's entries to a file, replacing it atomically: the entries go to an owner-only
 * (600) temporary file in the target's directory, which is forced to disk and then moved over the
 * target, so a failure leaves the old file (or none) and never a partial one.
 *
 * <ul>
 *   <li>{@link ExportFormat#TEXT}: one line per entry, {@code [yyyy-MM-dd HH:mm:ss] sender: text} for
 *       messages and {@code [yyyy-MM-dd HH:mm:ss] * notice} for system lines, in the given time zone.
 *       Backslashes, line breaks, other control characters and bidirectional overrides in the text are
 *       escaped ({@code \\}, {@code \n}, {@code \r}, {@code \}{@code uXXXX}), so that a peer's message can
 *       neither forge further lines nor send escape sequences to a terminal that shows the file.</li>
 *   <li>{@link ExportFormat#JSON}: a UTF-8 JSON array of objects {@code seq}, {@code kind}
 *       ({@code "MESSAGE"}/{@code "NOTICE"}), {@code sender} (null for notices), {@code text}, {@code scheme}
 *       (null for notices), {@code timestamp} (milliseconds since the epoch) and {@code status} (null for
 *       notices), written with Jackson's generator (which escapes as JSON requires).</li>
 * </ul>
 */
final class HistoryExport {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final JsonFactory JSON = new JsonFactory();

    private HistoryExport() {
    }

    /** Source of the entries, oldest first. */
    interface Entries {
        void forEach(Consumer<HistoryEntry> action);
    }

    /** Writes {@code entries} to {@code target} in {@code format}; returns how many were written. */
    static int write(Entries entries, Path target, ExportFormat format, ZoneId zone) throws ChatException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ChatException("Could not export to " + target + ": the folder does not exist.");
        }
        if (Files.isDirectory(absolute)) {
            throw new ChatException("Could not export to " + target + ": it is a folder.");
        }
        Path temp = null;
        try {
            temp = POSIX
                    ? Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
            int written;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                written = format == ExportFormat.JSON ? writeJson(entries, out) : writeText(entries, out, zone);
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            return written;
        } catch (IOException e) {
            throw new ChatException("Could not export to " + target + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ChatException("Could not export to " + target + ": " + e.getCause().getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // best effort: the export itself already succeeded or failed with its own message
                }
            }
        }
    }

    private static int writeText(Entries entries, OutputStream out, ZoneId zone) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        int[] count = { 0 };
        DateTimeFormatter time = TIME.withZone(zone);
        entries.forEach(e -> {
            StringBuilder line = new StringBuilder(64).append('[')
                    .append(time.format(Instant.ofEpochMilli(e.timestamp()))).append("] ");
            if (e.kind() == HistoryEntry.Kind.MESSAGE) {
                escape(e.message().sender(), line);
                line.append(": ");
            } else {
                line.append("* ");
            }
            escape(e.text(), line);
            line.append('\n');
            try {
                writer.write(line.toString());
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
            count[0]++;
        });
        writer.flush();
        return count[0];
    }

    /** Appends {@code s} with backslash, control and bidi-override characters escaped. */
    static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append(c);
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
    }

    private static int writeJson(Entries entries, OutputStream out) throws IOException {
        int[] count = { 0 };
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the channel is forced and closed by the caller
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            entries.forEach(e -> {
                try {
                    boolean message = e.kind() == HistoryEntry.Kind.MESSAGE;
                    json.writeStartObject();
                    json.writeNumberField("seq", e.seq());
                    json.writeStringField("kind", e.kind().name());
                    json.writeStringField("sender", message ? e.message().sender() : null);
                    json.writeStringField("text", e.text());
                    json.writeStringField("scheme", message ? e.message().schemeId() : null);
                    json.writeNumberField("timestamp", e.timestamp());
                    json.writeStringField("status", message ? e.message().status().name() : null);
                    json.writeEndObject();
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
                count[0]++;
            });
            json.writeEndArray();
            json.writeRaw('\n');
        }
        return count[0];
    }
}

package org.parley.identity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The file behind a persistent {@link ReplayGuard}: one line per accepted message,
 * {@code expiry-ms SP sender SP id}, after a {@code #} header line. Accepting appends a line and forces
 * it to disk; {@link #rewrite} replaces the file atomically (owner-only, {@link SecureFiles}) with the
 * live entries only, which is how the guard compacts it and repairs a line torn by a crash.
 *
 * <p>Lines hold only user names, message ids and times: no plaintext, no keys.
 *
 * <h3>Threading</h3>
 * Not thread-safe; the guard calls it under its own lock.
 */
final class ReplayJournal {

    /** One remembered message: a replay of it is refused until {@code expires} (ms since the epoch). */
    record Entry(String sender, String id, long expires) {
    }

    /** What {@link #load} found: the live entries, and whether the file should be rewritten. */
    record Loaded(List<Entry> live, int lines, boolean torn) {
    }

    /** Longest line: 20 digits, a user name (32), an id (64), two spaces and the newline, rounded up. */
    static final int MAX_LINE_BYTES = 128;

    private static final String HEADER = "# Parley replay journal, format 1: expiry-ms sender id";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Path file;
    private final int maxBytes;

    ReplayJournal(Path file, int maxLines) {
        this.file = file;
        this.maxBytes = (maxLines + 1) * MAX_LINE_BYTES;
    }

    static boolean isId(String id) {
        return ID.matcher(id).matches();
    }

    /** Reads the journal, keeping the entries that expire at or after {@code now}. */
    Loaded load(long now) throws IOException {
        if (!Files.exists(file)) {
            return new Loaded(List.of(), 0, false);
        }
        String text = new String(SecureFiles.read(file, maxBytes), StandardCharsets.UTF_8);
        boolean torn = !text.isEmpty() && !text.endsWith("\n");
        String[] lines = text.split("\n", -1);
        int last = lines.length - 1; // after the final newline: empty, or a line a crash cut short
        List<Entry> live = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < last; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Entry entry = parse(line, i + 1);
            count++;
            if (entry.expires() >= now) {
                live.add(entry);
            }
        }
        return new Loaded(live, count, torn);
    }

    private Entry parse(String line, int number) throws IOException {
        String[] parts = line.split(" ");
        try {
            if (parts.length != 3 || !IdentityFile.isUser(parts[1]) || !isId(parts[2])) {
                throw new IllegalArgumentException("expected: expiry-ms sender id");
            }
            return new Entry(parts[1], parts[2], Long.parseLong(parts[0]));
        } catch (IllegalArgumentException e) {
            // forgetting entries would re-open replays: refuse the file, the guard then refuses messages
            throw new IOException("The replay journal " + file + " is damaged at line " + number + " ("
                    + e.getMessage() + "); remove it to start over", e);
        }
    }

    /** Appends {@code entry} and forces it to disk; creates the file (owner-only) if needed. */
    void append(Entry entry) throws IOException {
        if (!Files.exists(file)) {
            rewrite(List.of());
        }
        byte[] line = (entry.expires() + " " + entry.sender() + " " + entry.id() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
    }

    /** Replaces the file atomically with exactly {@code live}. */
    void rewrite(Collection<Entry> live) throws IOException {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Entry e : live) {
            out.append(e.expires()).append(' ').append(e.sender()).append(' ').append(e.id()).append('\n');
        }
        SecureFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }
}

package org.parley.chat.internal.history;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.parley.chat.ChatMessage;
import org.parley.chat.Conversation;
import org.parley.chat.HistoryEntry;

/**
 * The plaintext layout of the values the history seals (format 1; everything big-endian, strings as a
 * 4-byte length and UTF-8):
 * <pre>
 * entry:        version(1)=1 kind(1: 0 message, 1 notice) peer(str) timestamp(8)
 *               message: id(str) sender(str) outgoing(1) text(str) scheme(str) status(str, enum name)
 *               notice:  text(str)
 * conversation: version(1)=1 peer(str) lastSeq(8)
 * </pre>
 * No Java serialization; decoding checks every length against a cap and rejects trailing bytes, so a
 * value that decrypted correctly but is malformed (a bug, never an attacker: it is authenticated) still
 * fails cleanly.
 */
final class EntryCodec {

    static final int VERSION = 1;
    /** Cap on one decoded string; far above any message the chat service accepts. */
    static final int MAX_STRING_BYTES = 1 << 20;

    private static final int KIND_MESSAGE = 0;
    private static final int KIND_NOTICE = 1;

    private EntryCodec() {
    }

    /** The conversation and its last seq, as stored in the conversations map. */
    record ConversationRecord(Conversation conversation, long lastSeq) {
    }

    static byte[] encode(HistoryEntry e) {
        return write(out -> {
            out.writeByte(VERSION);
            out.writeByte(e.kind() == HistoryEntry.Kind.MESSAGE ? KIND_MESSAGE : KIND_NOTICE);
            writeString(out, e.conversation().peer());
            out.writeLong(e.timestamp());
            if (e.kind() == HistoryEntry.Kind.MESSAGE) {
                ChatMessage m = e.message();
                writeString(out, m.id());
                writeString(out, m.sender());
                out.writeBoolean(m.outgoing());
                writeString(out, m.text());
                writeString(out, m.schemeId());
                writeString(out, m.status().name());
            } else {
                writeString(out, e.notice());
            }
        });
    }

    static HistoryEntry decode(long seq, byte[] plaintext) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext))) {
            version(in);
            int kind = in.readUnsignedByte();
            Conversation conversation = new Conversation(readString(in));
            long timestamp = in.readLong();
            HistoryEntry entry;
            if (kind == KIND_MESSAGE) {
                String id = readString(in);
                String sender = readString(in);
                boolean outgoing = in.readBoolean();
                String text = readString(in);
                String scheme = readString(in);
                ChatMessage.Status status = ChatMessage.Status.valueOf(readString(in));
                entry = new HistoryEntry(seq, conversation, HistoryEntry.Kind.MESSAGE,
                        new ChatMessage(id, conversation, sender, outgoing, text, scheme, timestamp, status), null,
                        timestamp);
            } else if (kind == KIND_NOTICE) {
                entry = new HistoryEntry(seq, conversation, HistoryEntry.Kind.NOTICE, null, readString(in), timestamp);
            } else {
                throw new IOException("unknown entry kind " + kind);
            }
            end(in);
            return entry;
        } catch (IllegalArgumentException e) {
            throw new IOException("malformed entry: " + e.getMessage(), e);
        }
    }

    static byte[] encode(ConversationRecord c) {
        return write(out -> {
            out.writeByte(VERSION);
            writeString(out, c.conversation().peer());
            out.writeLong(c.lastSeq());
        });
    }

    static ConversationRecord decodeConversation(byte[] plaintext) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext))) {
            version(in);
            ConversationRecord c = new ConversationRecord(new Conversation(readString(in)), in.readLong());
            end(in);
            return c;
        }
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: in memory
        }
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("a history value is longer than " + MAX_STRING_BYTES + " bytes");
        }
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING_BYTES || n > in.available()) {
            throw new IOException("bad string length " + n);
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static void version(DataInputStream in) throws IOException {
        int v = in.readUnsignedByte();
        if (v != VERSION) {
            throw new IOException("unsupported history value version " + v);
        }
    }

    private static void end(DataInputStream in) throws IOException {
        if (in.read() != -1) {
            throw new IOException("trailing bytes");
        }
    }
}

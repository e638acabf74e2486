package org.parley.identity;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the byte strings of PROTOCOL.md §2: {@code LP(x) = u32(len(x)) || x}, big-endian integers.
 * Also used for the identity file. Not thread-safe.
 */
final class LengthPrefixed {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Starts with {@code domain} (ASCII) followed by one zero byte, as every signed string does. */
    static LengthPrefixed domain(String domain) {
        LengthPrefixed w = new LengthPrefixed();
        w.out.writeBytes(domain.getBytes(StandardCharsets.US_ASCII));
        w.out.write(0);
        return w;
    }

    static LengthPrefixed empty() {
        return new LengthPrefixed();
    }

    LengthPrefixed lp(byte[] bytes) {
        u32(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    LengthPrefixed lp(String text) {
        return lp(text.getBytes(StandardCharsets.UTF_8));
    }

    LengthPrefixed u8(int value) {
        out.write(value);
        return this;
    }

    LengthPrefixed u32(long value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) value).array());
        return this;
    }

    LengthPrefixed u64(long value) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
        return this;
    }

    LengthPrefixed raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Copies out the bytes and wipes the internal buffer (for secret plaintexts). */
    byte[] toByteArrayAndWipe() {
        byte[] copy = out.toByteArray();
        // reset() keeps the buffer; overwrite it with zeros of the same length so nothing stays behind
        out.reset();
        out.writeBytes(new byte[copy.length]);
        out.reset();
        return copy;
    }

    /** Reads what a {@link LengthPrefixed} wrote, refusing any length beyond the remaining bytes. */
    static final class Reader {
        private final ByteBuffer in;

        Reader(byte[] bytes) {
            this.in = ByteBuffer.wrap(bytes);
        }

        byte[] lp(int max) throws IllegalArgumentException {
            long length = u32();
            if (length > max || length > in.remaining()) {
                throw new IllegalArgumentException("a field is longer than allowed or than the data");
            }
            byte[] value = new byte[(int) length];
            in.get(value);
            return value;
        }

        String lpString(int max) {
            return new String(lp(max), StandardCharsets.UTF_8);
        }

        int u8() {
            need(1);
            return in.get() & 0xff;
        }

        long u32() {
            need(4);
            return in.getInt() & 0xffffffffL;
        }

        long u64() {
            need(8);
            return in.getLong();
        }

        byte[] raw(int length) {
            need(length);
            byte[] value = new byte[length];
            in.get(value);
            return value;
        }

        int position() {
            return in.position();
        }

        void end() {
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("unexpected bytes after the end");
            }
        }

        private void need(int n) {
            if (in.remaining() < n) {
                throw new IllegalArgumentException("truncated");
            }
        }
    }

    static void wipe(byte[] bytes) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}

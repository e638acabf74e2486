package org.parley.relay.handler;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Test helper: a seeded generator of hostile text messages, mostly mutations of valid golden frames
 * (bit flips, truncation, duplication, type and field swaps, huge numbers, deep nesting, invalid UTF-8,
 * splices) plus random bytes and random JSON-ish text. The same seed gives the same sequence.
 */
final class FrameMutator {
    private static final String[] TYPES = {"hello", "auth", "send", "deliver", "welcome", "challenge", "", "SEND",
        "send\u0000", "\u00e9"};
    private static final String[] FIELDS = {"type", "v", "id", "user", "bundle", "identity", "keys", "created", "sig",
        "to", "everyone", "scheme", "body", "cts", "from"};
    private static final String[] NUMBERS = {"1e999999", "-1", "0", "2", "1.0", "-0", "99999999999999999999999999999",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1E400", "0.0000001", "NaN", "Infinity"};
    private static final String[] VALUES = {"null", "true", "[]", "{}", "\"\"", "\"*\"", "[\"*\"]", "\"QQ==\"", "[null]",
        "{\"a\":{}}", "\"\\ud800\"", "\"\\u0000\""};
    private static final byte[][] BAD_UTF8 = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};

    private final Random random;
    private final List<String> golden;

    FrameMutator(long seed, List<String> golden) {
        this.random = new Random(seed);
        this.golden = golden;
    }

    /** The next hostile message as raw bytes (not necessarily UTF-8). */
    byte[] next() {
        String g = golden.get(random.nextInt(golden.size()));
        switch (random.nextInt(12)) {
            case 0: return flipBits(utf8(g));
            case 1: return utf8(g.substring(0, random.nextInt(g.length() + 1)));
            case 2: return utf8(duplicate(g));
            case 3: return utf8(g.replaceFirst("\"type\":\"[a-z]*\"", "\"type\":\"" + pick(TYPES) + "\""));
            case 4: return utf8(g.replaceFirst("\"" + pick(FIELDS) + "\"", "\"" + pick(FIELDS) + "\""));
            case 5: return utf8(g.replaceFirst("-?\\d+", pick(NUMBERS)));
            case 6: return utf8(g.replaceFirst(":(\"[^\"]*\"|\\d+|true|false)", ":" + pick(VALUES)));
            case 7: return utf8(nest(g));
            case 8: return invalidUtf8(utf8(g));
            case 9: return utf8(splice(g, pick(golden)));
            case 10: return randomBytes();
            default: return utf8(randomText());
        }
    }

    private byte[] flipBits(byte[] b) {
        for (int i = 0, n = 1 + random.nextInt(3); i < n && b.length > 0; i++) {
            b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }

    private String duplicate(String g) {
        int from = random.nextInt(g.length());
        int to = from + random.nextInt(g.length() - from + 1);
        int at = random.nextInt(g.length() + 1);
        return g.substring(0, at) + g.substring(from, to) + g.substring(at);
    }

    private String splice(String a, String b) {
        return a.substring(0, random.nextInt(a.length() + 1)) + b.substring(random.nextInt(b.length() + 1));
    }

    private String nest(String g) {
        int depth = random.nextBoolean() ? random.nextInt(40) : random.nextInt(3000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return g.replaceFirst("\\{", "{\"deep\":" + open.repeat(depth) + "1" + close.repeat(depth) + ",");
    }

    private byte[] invalidUtf8(byte[] b) {
        int at = random.nextInt(b.length + 1);
        byte[] bad = BAD_UTF8[random.nextInt(BAD_UTF8.length)];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.writeBytes(bad);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    private byte[] randomBytes() {
        byte[] b = new byte[random.nextInt(300)];
        random.nextBytes(b);
        return b;
    }

    private String randomText() {
        String alphabet = "{}[]:,\"\\ 0123456789.-+eEtrufalsn" + "abcdefghijklmnopqrstuvwxyz" + "\u00e9\u4e2d\ud83d\ude00";
        StringBuilder s = new StringBuilder();
        for (int i = 0, n = random.nextInt(200); i < n; i++) {
            s.append(random.nextInt(10) == 0 ? pick(FIELDS) : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
        }
        return s.toString();
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package org.parley.transport;

/** UTF-8 lengths without encoding. */
final class Utf8 {

    private Utf8() {
    }

    /** Bytes {@code text} takes in UTF-8; a surrogate counts 2, so a pair split across chunks counts 4. */
    static long length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : (c < 0x800 || Character.isSurrogate(c)) ? 2 : 3;
        }
        return bytes;
    }
}

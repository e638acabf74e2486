package org.parley.chat.internal.history;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.parley.chat.ChatException;

/**
 * A full-text query: the words of the user's input (split at white space), every one of which must
 * occur in a text, case-insensitively (lower case in {@link Locale#ROOT}), anywhere (so "deliver" finds
 * "delivered").
 */
final class SearchQuery implements Predicate<String> {

    /** Longest accepted query, in characters. */
    static final int MAX_CHARS = 256;

    private final List<String> words;

    private SearchQuery(List<String> words) {
        this.words = words;
    }

    /** @throws ChatException if {@code query} is longer than {@value #MAX_CHARS} characters */
    static SearchQuery parse(String query) throws ChatException {
        if (query.length() > MAX_CHARS) {
            throw new ChatException("A search is at most " + MAX_CHARS + " characters long.");
        }
        String trimmed = query.strip();
        if (trimmed.isEmpty()) {
            return new SearchQuery(List.of());
        }
        return new SearchQuery(Arrays.stream(trimmed.toLowerCase(Locale.ROOT).split("\\s+")).distinct().toList());
    }

    /** True if there is nothing to search for (the search then finds nothing). */
    boolean isEmpty() {
        return words.isEmpty();
    }

    @Override
    public boolean test(String text) {
        if (words.isEmpty()) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (!lower.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** Never prints the words. */
    @Override
    public String toString() {
        return "SearchQuery[" + words.size() + " words]";
    }
}

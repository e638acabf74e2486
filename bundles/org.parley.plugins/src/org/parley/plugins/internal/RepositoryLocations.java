package org.parley.plugins.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.parley.plugins.PluginException;
import org.parley.plugins.PluginException.Reason;

/**
 * Turns what the user typed (or picked with "Browse folder...") into the URI of a p2 repository, and
 * rejects what cannot be one before p2 is asked: p2's own errors for a wrong folder are long and vague.
 *
 * <p>Accepted: {@code https://} URLs; {@code http://} only for this computer (plain HTTP from elsewhere
 * could be replaced in transit, and a plugin runs with the client's full rights); {@code file:} URLs and
 * absolute paths of a folder holding a p2 repository or of a zipped repository; {@code jar:file:} URLs.
 */
final class RepositoryLocations {

    /** Longest accepted input; a real location is far shorter. */
    static final int MAX_LENGTH = 2048;

    /** Files of which a p2 repository folder holds at least one. */
    static final List<String> INDEX_FILES = List.of("p2.index", "content.jar", "content.xml", "content.xml.xz",
            "compositeContent.jar", "compositeContent.xml", "compositeContent.xml.xz");

    private RepositoryLocations() {
    }

    static URI parse(String input) throws PluginException {
        String text = input == null ? "" : input.strip();
        if (text.isEmpty()) {
            throw invalid("Enter the address of a plugin repository (https://...) or choose its folder.");
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid("The repository location is longer than " + MAX_LENGTH + " characters.");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return web(text, lower.startsWith("http://"));
        }
        if (lower.startsWith("jar:file:")) {
            return uri(text);
        }
        if (lower.startsWith("file:")) {
            URI uri = uri(text);
            try {
                return local(Path.of(uri));
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                throw invalid("'" + text + "' is not a valid file: URL (write it as file:/path/to/folder).");
            }
        }
        if (text.startsWith("~/")) {
            text = System.getProperty("user.home") + text.substring(1);
        }
        if (text.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            throw invalid("Unsupported kind of location '" + shorten(text)
                    + "': use an https:// address, a file: URL or a folder path.");
        }
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw invalid("'" + shorten(text) + "' is not a valid folder path.");
        }
        if (!path.isAbsolute()) {
            throw invalid("'" + shorten(text) + "' is a relative path: give the full path of the repository folder.");
        }
        return local(path);
    }

    private static URI web(String text, boolean plain) throws PluginException {
        URI uri = uri(text);
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw invalid("'" + shorten(text) + "' has no host name.");
        }
        if (plain && !isLoopback(host)) {
            throw invalid("Plain http:// is accepted only for this computer: a plugin downloaded without "
                    + "encryption could be replaced on the way. Use https://.");
        }
        return text.endsWith("/") ? uri : uri(text + "/");
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private static URI local(Path path) throws PluginException {
        Path abs = path.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw invalid("The folder " + abs + " does not exist.");
        }
        if (Files.isRegularFile(abs)) {
            String name = abs.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".zip") || name.endsWith(".jar")) {
                return URI.create("jar:" + abs.toUri() + "!/");
            }
            throw new PluginException(Reason.NOT_A_REPOSITORY, abs + " is a file, not a p2 repository: choose the "
                    + "folder that holds content.jar (or p2.index), or a zipped repository.");
        }
        if (!Files.isReadable(abs)) {
            throw new PluginException(Reason.UNREACHABLE, "The folder " + abs + " cannot be read (permissions).");
        }
        boolean indexed = INDEX_FILES.stream().anyMatch(f -> Files.isRegularFile(abs.resolve(f)));
        if (!indexed) {
            String hint = Files.isDirectory(abs.resolve("repository")) ? " Did you mean " + abs.resolve("repository") + "?"
                    : "";
            throw new PluginException(Reason.NOT_A_REPOSITORY, abs + " is not a p2 repository: it has no content.jar, "
                    + "content.xml or p2.index." + hint);
        }
        return abs.toUri();
    }

    private static URI uri(String text) throws PluginException {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw invalid("'" + shorten(text) + "' is not a valid address: " + e.getReason() + ".");
        }
    }

    private static PluginException invalid(String message) {
        return new PluginException(Reason.INVALID_LOCATION, message);
    }

    static String shorten(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}

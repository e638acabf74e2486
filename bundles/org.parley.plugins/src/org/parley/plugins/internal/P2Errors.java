package org.parley.plugins.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.parley.plugins.PluginException;
import org.parley.plugins.PluginException.Reason;

/**
 * Maps p2's statuses and exceptions to {@link PluginException}s whose messages a user can read: the
 * distinct leaf messages of a status tree, without exception class names or stack traces, capped in
 * count and length.
 */
final class P2Errors {

    /** At most this many distinct lines of p2's explanation are kept. */
    static final int MAX_LINES = 6;
    /** Each line is cut to this many characters. */
    static final int MAX_LINE = 300;

    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): *");

    private P2Errors() {
    }

    /** Why {@code location} could not be loaded as a repository. */
    static PluginException loadFailure(URI location, ProvisionException e) {
        String detail = summarize(e.getStatus());
        String where = display(location);
        return switch (e.getStatus().getCode()) {
            case ProvisionException.REPOSITORY_NOT_FOUND, ProvisionException.REPOSITORY_UNKNOWN_TYPE ->
                new PluginException(Reason.NOT_A_REPOSITORY, "No p2 repository was found at " + where
                        + (isLocal(location) ? "." : " (wrong address, or the server cannot be reached).")
                        + suffix(detail));
            case ProvisionException.REPOSITORY_INVALID_LOCATION ->
                new PluginException(Reason.INVALID_LOCATION, where + " is not a valid repository location." + suffix(detail));
            case ProvisionException.REPOSITORY_FAILED_AUTHENTICATION ->
                new PluginException(Reason.UNREACHABLE, "The server of " + where + " refused access (authentication)."
                        + suffix(detail));
            default -> new PluginException(Reason.UNREACHABLE, "The repository at " + where + " could not be read."
                    + suffix(detail));
        };
    }

    /**
     * The distinct messages of the leaves of {@code status} (and of their exceptions' causes when a leaf
     * has no message of its own), one per line.
     */
    static String summarize(IStatus status) {
        Set<String> lines = new LinkedHashSet<>();
        collect(status, lines);
        return join(new ArrayList<>(lines));
    }

    /** {@code text} (for example p2's resolution explanation) reduced to its first distinct lines. */
    static String summarize(String text) {
        Set<String> lines = new LinkedHashSet<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                add(line, lines);
            }
        }
        return join(new ArrayList<>(lines));
    }

    private static void collect(IStatus status, Set<String> lines) {
        if (status == null) {
            return;
        }
        if (status.isMultiStatus() && status.getChildren().length > 0) {
            for (IStatus child : status.getChildren()) {
                collect(child, lines);
            }
            return;
        }
        String message = status.getMessage();
        if (message == null || message.isBlank()) {
            Throwable t = status.getException();
            while (t != null && (t.getMessage() == null || t.getMessage().isBlank())) {
                t = t.getCause();
            }
            message = t == null ? null : t.getMessage();
        }
        if (message != null) {
            for (String line : message.split("\\R")) {
                add(line, lines);
            }
        }
    }

    private static void add(String raw, Set<String> lines) {
        String line = EXCEPTION_PREFIX.matcher(raw.strip()).replaceFirst("");
        if (line.isEmpty() || line.startsWith("at ") || line.startsWith("Caused by")) {
            return;
        }
        lines.add(line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE - 3) + "...");
    }

    private static String join(List<String> lines) {
        List<String> kept = lines.size() <= MAX_LINES ? lines : new ArrayList<>(lines.subList(0, MAX_LINES));
        if (lines.size() > MAX_LINES) {
            kept.add("(" + (lines.size() - MAX_LINES) + " more)");
        }
        return String.join("\n", kept);
    }

    private static String suffix(String detail) {
        return detail.isEmpty() ? "" : "\n" + detail;
    }

    static boolean isLocal(URI location) {
        return "file".equals(location.getScheme()) || "jar".equals(location.getScheme());
    }

    /** A location as the user knows it: a path for local folders, the URL otherwise. */
    static String display(URI location) {
        if ("file".equals(location.getScheme())) {
            try {
                return java.nio.file.Path.of(location).toString();
            } catch (RuntimeException e) {
                return location.toString();
            }
        }
        return location.toString();
    }
}

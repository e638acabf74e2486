package org.parley.plugins;

import java.util.Objects;

/**
 * A plugin operation failed. The {@linkplain #getMessage() message} is a complete sentence fit to show
 * the user (it never contains a stack trace); {@link #reason()} lets callers react to the kind of
 * failure.
 */
public final class PluginException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Kinds of failure. */
    public enum Reason {
        /** The text entered is not a usable repository URL or folder. */
        INVALID_LOCATION,
        /** The location exists but holds no p2 repository. */
        NOT_A_REPOSITORY,
        /** The repository could not be reached or read (network, permissions, I/O). */
        UNREACHABLE,
        /** The repository holds no installable feature. */
        NOTHING_INSTALLABLE,
        /** The feature is already installed. */
        ALREADY_INSTALLED,
        /** p2 could not find a consistent installation with the feature (missing or conflicting requirements). */
        RESOLUTION_FAILED,
        /** Downloading or installing the feature's files failed. */
        INSTALL_FAILED,
        /** This copy of Parley has no p2 installation profile, so nothing can be installed into it. */
        NOT_MANAGED,
        /** Another installation is running. */
        BUSY,
        /** The user cancelled; nothing was changed. */
        CANCELLED
    }

    private final Reason reason;

    public PluginException(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}

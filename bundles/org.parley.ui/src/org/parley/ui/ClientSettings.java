package org.parley.ui;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

/**
 * The relay address and user name the client offers, remembered between runs in the instance
 * preferences. The launch script may override them with {@code -Dparley.relay}, {@code -Dparley.user}
 * and ask to connect without the dialog with {@code -Dparley.autoconnect=true}.
 */
public final class ClientSettings {

    public static final String DEFAULT_RELAY = "wss://localhost:8765";
    private static final String NODE = "org.parley.ui";
    private static final String RELAY = "relay";
    private static final String USER = "user";
    private static final String ALLOWED_SCHEMES = "allowedSchemes";
    private static final String DEFAULT_SCHEME = "defaultScheme";
    private static final String NOTIFICATIONS = "notifications";
    private static final String THEME = "theme";

    /** The e4 CSS theme ids registered by the application bundle. */
    public static final String LIGHT_THEME = "org.parley.theme.light";
    public static final String DARK_THEME = "org.parley.theme.dark";

    private final IEclipsePreferences preferences;

    /** The settings in the instance preferences of this installation. */
    public ClientSettings() {
        this(InstanceScope.INSTANCE.getNode(NODE));
    }

    /** The settings kept in {@code preferences} (tests use a node of their own). */
    public ClientSettings(IEclipsePreferences preferences) {
        this.preferences = preferences;
    }

    public String relay() {
        return System.getProperty("parley.relay", preferences.get(RELAY, DEFAULT_RELAY));
    }

    public String user() {
        return System.getProperty("parley.user", preferences.get(USER, ""));
    }

    public boolean autoConnect() {
        return Boolean.getBoolean("parley.autoconnect") && !user().isEmpty();
    }

    /**
     * The passphrase for unattended start ({@code --connect} in the launch script), from the
     * environment variable {@code PARLEY_PASSPHRASE} (readable only by the user's own processes, unlike
     * a command-line argument); empty when unset.
     */
    public Optional<char[]> passphraseFromEnvironment() {
        String value = System.getenv("PARLEY_PASSPHRASE");
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value.toCharArray());
    }

    /** The scheme ids the user allows; empty means "every installed scheme" (the default). */
    public Set<String> allowedSchemes() {
        String value = preferences.get(ALLOWED_SCHEMES, "");
        Set<String> ids = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::strip).filter(id -> !id.isEmpty()).forEach(ids::add);
        return ids;
    }

    public void setAllowedSchemes(Set<String> ids) {
        preferences.put(ALLOWED_SCHEMES, String.join(",", ids));
        flush();
    }

    /** The scheme to preselect in new conversations; empty: the service's default. */
    public String defaultScheme() {
        return preferences.get(DEFAULT_SCHEME, "");
    }

    public void setDefaultScheme(String schemeId) {
        preferences.put(DEFAULT_SCHEME, schemeId);
        flush();
    }

    /** Whether messages in conversations not in view raise a desktop notification (default on). */
    public boolean notifications() {
        return preferences.getBoolean(NOTIFICATIONS, true);
    }

    public void setNotifications(boolean on) {
        preferences.putBoolean(NOTIFICATIONS, on);
        flush();
    }

    /** The theme id: {@link #LIGHT_THEME} (default) or {@link #DARK_THEME}. */
    public String theme() {
        return DARK_THEME.equals(preferences.get(THEME, LIGHT_THEME)) ? DARK_THEME : LIGHT_THEME;
    }

    public void setTheme(String themeId) {
        if (!LIGHT_THEME.equals(themeId) && !DARK_THEME.equals(themeId)) {
            throw new IllegalArgumentException("unknown theme: " + themeId);
        }
        preferences.put(THEME, themeId);
        flush();
    }

    /** The relay preference itself, ignoring a {@code -Dparley.relay} override. */
    public String savedRelay() {
        return preferences.get(RELAY, DEFAULT_RELAY);
    }

    /** The user preference itself, ignoring a {@code -Dparley.user} override. */
    public String savedUser() {
        return preferences.get(USER, "");
    }

    /** Remembers a relay and user that worked; failures to persist are not worth bothering the user. */
    public void remember(String relay, String user) {
        preferences.put(RELAY, relay);
        preferences.put(USER, user);
        flush();
    }

    private void flush() {
        try {
            preferences.flush();
        } catch (BackingStoreException e) {
            // the settings still apply for this run
        }
    }

    /**
     * Parses what the user typed as a relay address; accepts {@code host}, {@code host:port} and full
     * {@code wss://} URLs.
     *
     * @return the URI, or empty when the text is not a usable relay address
     */
    public static Optional<URI> parseRelay(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (!t.contains("://")) {
            t = "wss://" + t;
        }
        try {
            URI uri = new URI(t);
            if (uri.getHost() == null || !("wss".equals(uri.getScheme()) || "ws".equals(uri.getScheme()))) {
                return Optional.empty();
            }
            if (uri.getPort() == -1) {
                uri = new URI(uri.getScheme(), null, uri.getHost(), 8765, "/", null, null);
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}

package org.parley.plugins;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What a plugin repository offers.
 *
 * @param location the repository's URI (a {@code file:} URI for a local folder)
 * @param name the repository's name, or its location if it has none
 * @param features its installable features, sorted by name; never empty
 */
public record PluginRepository(URI location, String name, List<AvailableFeature> features) {

    public PluginRepository {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
        features = List.copyOf(features);
    }
}

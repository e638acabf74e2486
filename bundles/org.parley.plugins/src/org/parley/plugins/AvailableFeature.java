package org.parley.plugins;

import java.util.Objects;

/**
 * An installable feature (a p2 feature group) offered by a plugin repository.
 *
 * @param id the feature's id without the {@code .feature.group} suffix p2 adds, e.g.
 *     {@code org.parley.crypto.pq.feature}
 * @param version its version
 * @param name its human-readable name (the id if the feature has none)
 * @param description a short description, possibly empty
 * @param installed whether this client already has a feature with this id
 */
public record AvailableFeature(String id, String version, String name, String description, boolean installed) {

    public AvailableFeature {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }
}

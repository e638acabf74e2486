package org.parley.relay.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/** Builds the one Jackson configuration the relay uses for reading and writing frames. */
final class JsonFactories {
    private JsonFactories() {
    }

    /**
     * A factory with explicit parse limits. Duplicate field names are rejected so that two parsers
     * can never disagree about which {@code to} or {@code type} a frame has. Parser error messages
     * never quote the input, so they cannot leak content into logs.
     */
    static JsonFactory create(int maxDocumentBytes) {
        return JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxNumberLength(32)
                        .maxNameLength(1024)
                        .maxStringLength(maxDocumentBytes)
                        .maxDocumentLength(maxDocumentBytes)
                        .build())
                .build();
    }
}

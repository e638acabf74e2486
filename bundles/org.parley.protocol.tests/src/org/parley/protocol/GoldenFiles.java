package org.parley.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the golden vectors of {@code org.parley.protocol/golden}: the system property
 * {@code parley.golden.dir} if set, else relative to the working directory (the test fragment's folder
 * under Tycho, or the repository root).
 */
final class GoldenFiles {

    private GoldenFiles() {
    }

    static Path dir() {
        String configured = System.getProperty("parley.golden.dir");
        if (configured != null) {
            return Paths.get(configured);
        }
        for (String candidate : List.of("../org.parley.protocol/golden", "bundles/org.parley.protocol/golden",
                "golden")) {
            Path p = Paths.get(candidate);
            if (Files.isRegularFile(p.resolve("hello.json"))) {
                return p;
            }
        }
        throw new IllegalStateException("golden vectors not found from " + Paths.get("").toAbsolutePath()
                + "; set -Dparley.golden.dir=.../bundles/org.parley.protocol/golden");
    }

    static List<Path> list(String subdir) {
        Path d = subdir.isEmpty() ? dir() : dir().resolve(subdir);
        try (Stream<Path> files = Files.list(d)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message in {@code file}: its text without the one trailing newline. */
    static String read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The part of the file name before the first dot (error code, or canonical file). */
    static String prefix(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.indexOf('.'));
    }
}

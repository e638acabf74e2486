package org.parley.transport;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link CertificatePinStore} in a small text file: one {@code host:port fingerprint} per line,
 * {@code #} comments. Every change rewrites the whole file through a temporary file and an atomic
 * rename, so a crash leaves the old or the new file, never half of one. On POSIX file systems the file
 * and a directory it creates are owner-only ({@code rw-------}, {@code rwx------}).
 *
 * <h3>Security guarantees</h3>
 * A file that cannot be parsed is an error, never read as "no pin", so a damaged file cannot silently
 * turn a pinned relay into a first use.
 *
 * <h3>Threading</h3>
 * Safe for concurrent use within one process; concurrent writers in several processes may lose an
 * update (the last rename wins) but never corrupt the file.
 */
public final class FileCertificatePinStore implements CertificatePinStore {

    private static final long MAX_FILE_BYTES = 1 << 20;
    private static final String HEADER = "# Parley relay certificate pins: host:port SHA-256-fingerprint\n";

    private final Path file;

    public FileCertificatePinStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    @Override
    public synchronized Optional<String> lookup(String hostPort) throws IOException {
        return Optional.ofNullable(read().get(hostPort));
    }

    @Override
    public synchronized void save(String hostPort, String fingerprint) throws IOException {
        requireHostPort(hostPort);
        Map<String, String> pins = read();
        pins.put(hostPort, Fingerprints.requireValid(fingerprint));
        write(pins);
    }

    @Override
    public synchronized void remove(String hostPort) throws IOException {
        Map<String, String> pins = read();
        if (pins.remove(hostPort) != null) {
            write(pins);
        }
    }

    @Override
    public String describe() {
        return file.toString();
    }

    private Map<String, String> read() throws IOException {
        Map<String, String> pins = new TreeMap<>();
        if (!Files.exists(file)) {
            return pins;
        }
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException("certificate pin file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2 || !isHostPort(parts[0]) || !parts[1].matches("[0-9a-f]{64}")) {
                throw new IOException("certificate pin file " + file + " is damaged at line " + (i + 1)
                        + "; fix or delete that line");
            }
            pins.put(parts[0], parts[1]);
        }
        return pins;
    }

    private void write(Map<String, String> pins) throws IOException {
        Path dir = file.getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, ".relay-pins", ".tmp", attributes);
        try {
            StringBuilder text = new StringBuilder(HEADER);
            pins.forEach((hostPort, fp) -> text.append(hostPort).append(' ').append(fp).append('\n'));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(text.toString()));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean isHostPort(String s) {
        return s.matches("[^\\s#]+:[0-9]{1,5}");
    }

    private static void requireHostPort(String hostPort) {
        if (!isHostPort(hostPort)) {
            throw new IllegalArgumentException("expected host:port without spaces");
        }
    }
}

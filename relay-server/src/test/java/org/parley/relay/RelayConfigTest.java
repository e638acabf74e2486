package org.parley.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RelayConfigTest {
    private static final Path DIR = Path.of("unused");

    @Test
    void defaults() {
        RelayConfig c = RelayConfig.builder(DIR).build();
        assertEquals("0.0.0.0", c.host());
        assertEquals(8765, c.port());
        assertEquals(1048576, c.maxFrameBytes());
        assertEquals(4 * 1048576, c.maxWebSocketMessageBytes());
        assertEquals(256, c.maxRecipients());
        assertEquals(Duration.ofSeconds(10), c.handshakeTimeout());
        assertEquals(50, c.rateLimit());
        assertEquals(100, c.rateBurst());
        assertEquals(32, c.maxConnectionsPerAddress());
        assertEquals(1000, c.maxQueuedPerUser());
        assertEquals(Duration.ofDays(7), c.queueTtl());
        assertEquals(Duration.ofMillis(2), c.commitInterval());
        assertEquals(Duration.ofSeconds(1), c.writeBehind());
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), c.ioThreads());
        assertEquals(0, c.metricsPort());
        assertEquals("127.0.0.1", c.metricsHost());
    }

    @Test
    void rejectsInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.builder(DIR).port(65536).build());
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.builder(DIR).maxFrameBytes(100).build());
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.builder(DIR).maxRecipients(0).build());
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.builder(DIR).idleTimeout(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.builder(DIR).rateLimit(0).build());
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.builder(DIR).rateBurst(0).build());
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.builder(DIR).maxConnectionsPerAddress(0).build());
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.builder(DIR).maxQueuedPerUser(0).build());
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.builder(DIR).queueTtl(Duration.ofMillis(10)).build());
        assertThrows(IllegalArgumentException.class,
                () -> RelayConfig.builder(DIR).commitInterval(Duration.ofMillis(101)).build());
        assertThrows(IllegalArgumentException.class,
                () -> RelayConfig.builder(DIR).commitInterval(Duration.ofMillis(-1)).build());
        assertEquals(Duration.ZERO, RelayConfig.builder(DIR).commitInterval(Duration.ZERO).build().commitInterval());
        assertThrows(IllegalArgumentException.class,
                () -> RelayConfig.builder(DIR).writeBehind(Duration.ofMillis(10_001)).build());
        assertThrows(IllegalArgumentException.class,
                () -> RelayConfig.builder(DIR).writeBehind(Duration.ofMillis(-1)).build());
        assertEquals(Duration.ZERO, RelayConfig.builder(DIR).writeBehind(Duration.ZERO).build().writeBehind());
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.builder(DIR).ioThreads(0).build());
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.builder(DIR).ioThreads(1025).build());
        assertEquals(3, RelayConfig.builder(DIR).ioThreads(3).build().ioThreads());
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.builder(DIR).queueTtl(Duration.ofDays(400)).build());
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.builder(DIR).metricsPort(65536).build());
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.builder(DIR).port(9000).metricsPort(9000).build());
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.builder(DIR).metricsHost(" ").build());
        assertThrows(IllegalArgumentException.class,
                () -> RelayConfig.builder(DIR).certFile(java.util.Optional.of(DIR)).build());
        assertThrows(IllegalArgumentException.class,
                () -> RelayConfig.builder(DIR).pemFiles(DIR, DIR).insecurePlaintext(true).build());
    }

    @Test
    void durationsAsOperatorsWriteThem() {
        DurationConverter c = new DurationConverter();
        assertEquals(Duration.ofMillis(500), c.convert("500ms"));
        assertEquals(Duration.ofSeconds(10), c.convert("10s"));
        assertEquals(Duration.ofSeconds(7), c.convert("7"));
        assertEquals(Duration.ofMinutes(2), c.convert("2m"));
        assertEquals(Duration.ofHours(1), c.convert("1h"));
        assertEquals(Duration.ofSeconds(3), c.convert("PT3S"));
        assertEquals(Duration.ofDays(7), c.convert("7d"));
        assertEquals(Duration.ofDays(2), c.convert("P2D"));
        assertThrows(picocli.CommandLine.TypeConversionException.class, () -> c.convert("soon"));
    }
}

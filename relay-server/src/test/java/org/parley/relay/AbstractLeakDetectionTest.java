package org.parley.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base for Netty tests: paranoid leak detection (every buffer tracked) for the duration of the class,
 * and a failure if Netty reported a leak. Tests also assert {@code refCnt()} explicitly, since leak
 * reports only appear after garbage collection.
 */
public abstract class AbstractLeakDetectionTest {
    private static final Logger LEAK_LOGGER = Logger.getLogger(ResourceLeakDetector.class.getName());
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static final Handler LEAK_RECORDER = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                LEAKS.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static ResourceLeakDetector.Level previous;

    @BeforeAll
    static void paranoidLeakDetection() {
        previous = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        LEAK_LOGGER.addHandler(LEAK_RECORDER);
    }

    @AfterAll
    static void noLeaksReported() throws InterruptedException {
        try {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(50);
                ByteBufAllocator.DEFAULT.buffer(1).release(); // leak reports are made on allocation
            }
            assertEquals(List.of(), LEAKS, "Netty reported leaked buffers");
        } finally {
            LEAK_LOGGER.removeHandler(LEAK_RECORDER);
            LEAKS.clear();
            ResourceLeakDetector.setLevel(previous);
        }
    }
}

package org.parley.identity;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.parley.crypto.api.SecretAccess;
import org.parley.crypto.api.SecretBytes;

/**
 * Argon2id (RFC 9106, version 0x13) parameters for deriving the identity file key from a passphrase.
 *
 * <p>{@link #DEFAULT}: 64 MiB of memory, 3 passes, 1 lane, 32-byte output: RFC 9106's second
 * recommended option; about 0.3-0.7 s on a 2-core machine. The 16-byte salt is random per file.
 *
 * @param memoryKiB memory in KiB, {@value #MIN_MEMORY_KIB} to {@value #MAX_MEMORY_KIB}
 * @param iterations passes over memory, 1 to {@value #MAX_ITERATIONS}
 * @param parallelism lanes, 1 to {@value #MAX_PARALLELISM}
 */
public record KdfParameters(int memoryKiB, int iterations, int parallelism) {

    /** The parameters new identity files use. */
    public static final KdfParameters DEFAULT = new KdfParameters(64 * 1024, 3, 1);

    static final int MIN_MEMORY_KIB = 8;
    // caps, so that a crafted identity file cannot make an import allocate or spin without bound
    static final int MAX_MEMORY_KIB = 1024 * 1024;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 16;
    static final int KEY_BYTES = 32;

    public KdfParameters {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism must be 1-" + MAX_PARALLELISM + ", is " + parallelism);
        }
        if (memoryKiB < Math.max(MIN_MEMORY_KIB, 8 * parallelism) || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("memory must be 8*parallelism-" + MAX_MEMORY_KIB + " KiB, is " + memoryKiB);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be 1-" + MAX_ITERATIONS + ", is " + iterations);
        }
    }

    /**
     * Derives the 32-byte file key. The UTF-8 copy of the passphrase is wiped; the caller wipes
     * {@code passphrase}.
     */
    SecretBytes derive(char[] passphrase, byte[] salt) {
        byte[] password = utf8(passphrase);
        byte[] key = new byte[KEY_BYTES];
        try {
            Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
            argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKiB)
                    .withIterations(iterations).withParallelism(parallelism).withSalt(salt).build());
            argon2.generateBytes(password, key);
            return SecretBytes.copyFrom(key, SecretAccess.get());
        } finally {
            Arrays.fill(password, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] utf8(char[] passphrase) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(passphrase));
            byte[] bytes = Arrays.copyOf(encoded.array(), encoded.limit());
            Arrays.fill(encoded.array(), (byte) 0);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the passphrase is not valid Unicode (unpaired surrogate)", e);
        }
    }
}

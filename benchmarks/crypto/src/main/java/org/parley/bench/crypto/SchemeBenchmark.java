package org.parley.bench.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.OpenRequest;
import org.parley.crypto.api.Recipient;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.crypto.api.SchemeState;
import org.parley.crypto.api.SealRequest;

/**
 * Cost of the three encryption schemes for the operations a user waits for: opening a 4 KiB message
 * (a direct message sealed for one recipient, and a group message sealed for 50 and opened by the
 * last of them), sealing a 4 KiB message for 50 recipients, and generating a key pair.
 *
 * <p>The schemes are found the way the headless client finds them, through {@link ServiceLoader} on
 * the bundles' {@code META-INF/services} registrations, so the numbers are for the shipped code.
 * The scheme object and all keys are built once per trial; every sealed input is fixed per trial,
 * and results are returned so JMH consumes them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SchemeBenchmark {

    static final int MESSAGE_BYTES = 4096;
    static final int GROUP = 50;

    @Param({"rsa-oaep-chunked", "rsa-oaep-aes-gcm", "x25519-mlkem768-aes-gcm"})
    public String schemeId;

    private CryptoScheme scheme;
    private byte[] plaintext;
    private byte[] associatedData;
    private List<SchemeKeyPair> group;
    private List<Recipient> recipients;
    private byte[] sealedDirect;
    private byte[] sealedGroup;

    static CryptoScheme find(String id) {
        return ServiceLoader.load(CryptoScheme.class).stream().map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.info().id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("scheme " + id + " not on the class path"));
    }

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        scheme = find(schemeId);
        plaintext = new byte[MESSAGE_BYTES];
        new Random(4096).nextBytes(plaintext);
        associatedData = ("parley-msg-v1\n0b7e1f2a-5c3d-4e6f-8a9b-0c1d2e3f4a5b\nalice\n" + schemeId)
                .getBytes(StandardCharsets.UTF_8);
        group = new ArrayList<>(GROUP);
        recipients = new ArrayList<>(GROUP);
        for (int i = 0; i < GROUP; i++) {
            SchemeKeyPair pair = scheme.generateKeyPair();
            group.add(pair);
            recipients.add(new Recipient("user-" + i, pair.publicKey()));
        }
        sealedDirect = scheme.seal(new SealRequest(plaintext, recipients.subList(0, 1), associatedData),
                SchemeState.NONE);
        sealedGroup = scheme.seal(new SealRequest(plaintext, recipients, associatedData), SchemeState.NONE);
        // a benchmark of a broken scheme measures nothing: check both bodies open before measuring
        if (!Arrays.equals(plaintext, openDirect()) || !Arrays.equals(plaintext, openGroupAsLast())) {
            throw new IllegalStateException(schemeId + " does not round-trip");
        }
    }

    /** Opening a 4 KiB direct message (one recipient). */
    @Benchmark
    public byte[] openDirect() throws GeneralSecurityException {
        return scheme.open(new OpenRequest(sealedDirect, "alice", group.get(0), associatedData), SchemeState.NONE);
    }

    /** Opening a 4 KiB message sealed for 50 recipients, as the 50th (its entry is found last). */
    @Benchmark
    public byte[] openGroupAsLast() throws GeneralSecurityException {
        return scheme.open(new OpenRequest(sealedGroup, "alice", group.get(GROUP - 1), associatedData),
                SchemeState.NONE);
    }

    /** Sending a 4 KiB message to 50 recipients: seal once for all of them. */
    @Benchmark
    public byte[] sealFor50() throws GeneralSecurityException {
        return scheme.seal(new SealRequest(plaintext, recipients, associatedData), SchemeState.NONE);
    }

    /** One key pair of the scheme (RSA-2048 for both RSA schemes; X25519 + ML-KEM-768 for pq). */
    @Benchmark
    public SchemeKeyPair generateKeyPair() throws GeneralSecurityException {
        return scheme.generateKeyPair();
    }
}

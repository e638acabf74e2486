package org.parley.bench.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.Recipient;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.crypto.api.SchemeState;
import org.parley.crypto.api.SealRequest;

/**
 * Prints the sealed size of a 4 KiB message for 1 and 50 recipients and the public key size of each
 * scheme, measured by sealing (not computed from the layouts). Run:
 * {@code java -cp target/benchmarks.jar org.parley.bench.crypto.BodySizes}.
 */
public final class BodySizes {

    private BodySizes() {
    }

    public static void main(String[] args) throws GeneralSecurityException {
        System.out.println("| scheme | public key | body, 4 KiB to 1 | body, 4 KiB to 50 |");
        System.out.println("|---|---|---|---|");
        for (String id : List.of("rsa-oaep-chunked", "rsa-oaep-aes-gcm", "x25519-mlkem768-aes-gcm")) {
            CryptoScheme scheme = SchemeBenchmark.find(id);
            List<Recipient> recipients = new ArrayList<>();
            SchemeKeyPair first = null;
            for (int i = 0; i < SchemeBenchmark.GROUP; i++) {
                SchemeKeyPair pair = scheme.generateKeyPair();
                first = first == null ? pair : first;
                recipients.add(new Recipient("user-" + i, pair.publicKey()));
            }
            byte[] plaintext = new byte[SchemeBenchmark.MESSAGE_BYTES];
            byte[] ad = "parley-msg-v1\nsize\nalice\n".getBytes(StandardCharsets.UTF_8);
            int one = scheme.seal(new SealRequest(plaintext, recipients.subList(0, 1), ad), SchemeState.NONE).length;
            int fifty = scheme.seal(new SealRequest(plaintext, recipients, ad), SchemeState.NONE).length;
            System.out.printf("| %s | %,d B | %,d B | %,d B |%n", id, first.publicKey().length, one, fifty);
        }
    }
}

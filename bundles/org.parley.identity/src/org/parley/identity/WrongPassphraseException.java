package org.parley.identity;

import java.security.GeneralSecurityException;

/** The passphrase does not open the identity file. Nothing on disk was changed. */
public class WrongPassphraseException extends GeneralSecurityException {

    private static final long serialVersionUID = 1L;

    public WrongPassphraseException() {
        super("Wrong passphrase: it does not open this identity.");
    }
}

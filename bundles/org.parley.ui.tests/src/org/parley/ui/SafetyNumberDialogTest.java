package org.parley.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SafetyNumberDialogTest {

    @Test
    void sixtyDigitsAreShownAsTwelveGroupsOnThreeLines() {
        String digits = "0123456789".repeat(6);
        assertEquals("01234  56789  01234  56789\n01234  56789  01234  56789\n01234  56789  01234  56789",
                SafetyNumberDialog.layout(digits));
        assertEquals(SafetyNumberDialog.layout(digits), SafetyNumberDialog.layout("01234 56789 ".repeat(6)));
    }
}

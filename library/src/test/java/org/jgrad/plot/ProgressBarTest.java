package org.jgrad.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void textShowsStepsLossAndAFillingBar() {
        ProgressBar bar = new ProgressBar(4, "epoch");
        bar.step(0.5).step(0.25);
        assertTrue(bar.text().startsWith("epoch [###############...............] 2/4  loss 0.2500"), bar.text());
        assertFalse(bar.finished());
        bar.step().step().step();   // a fifth step stays at the total
        assertTrue(bar.finished());
        assertEquals(4, bar.done());
        assertTrue(bar.text().contains("[" + "#".repeat(30) + "] 4/4"), bar.text());
    }

    @Test
    void htmlIsANativeProgressElementWithEscapedLabel() {
        String html = new ProgressBar(10, "<b>").step().html();
        assertTrue(html.contains("<progress value=\"1\" max=\"10\""), html);
        assertTrue(html.contains("&lt;b&gt;"), html);
        assertThrows(IllegalArgumentException.class, () -> new ProgressBar(0));
    }
}

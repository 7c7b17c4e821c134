package org.jgrad.grading;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChecksumTest {
    @Test
    void equalsNbgradersOwnChecksums() throws IOException {
        // written by nbgrader 0.9.6's generate_assignment from exercises/source/ex01-backward
        Notebook nb = Notebook.read(Paths.get("src/test/resources/nbgrader-release-ex01.ipynb"));
        int checked = 0;
        for (ObjectNode cell : nb.cells()) {
            ObjectNode m = Notebook.nbgrader(cell);
            if (m == null || !m.has("checksum")) continue;
            assertEquals(m.get("checksum").asText(), Checksum.of(cell), cell.path("id").asText());
            checked++;
        }
        assertTrue(checked >= 6, "checked " + checked);
    }

    @Test
    void pointsArePrintedAsPythonPrintsAFloat() {
        assertEquals("2.0", Checksum.pythonFloat(2));
        assertEquals("0.5", Checksum.pythonFloat(0.5));
        assertEquals("10000000.0", Checksum.pythonFloat(1e7));
        assertEquals("1e-05", Checksum.pythonFloat(1e-5));
        assertEquals("1e+16", Checksum.pythonFloat(1e16));
        assertEquals("1.5e+20", Checksum.pythonFloat(1.5e20));
    }

    @Test
    void ourWriterWritesAsNbformatDoes() throws IOException {
        Path p = Paths.get("src/test/resources/nbgrader-release-ex01.ipynb");
        assertEquals(java.nio.file.Files.readString(p), Notebook.read(p).toText());
    }
}

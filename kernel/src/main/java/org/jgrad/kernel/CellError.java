package org.jgrad.kernel;

import java.util.List;

/**
 * A cell's failure as Jupyter shows it: the error's name, its message, and the lines of the
 * traceback (what the student reads).
 */
public record CellError(String name, String value, List<String> traceback) {

    public CellError {
        traceback = List.copyOf(traceback);
    }

    /** The traceback as one text. */
    public String text() {
        return String.join("\n", traceback);
    }
}

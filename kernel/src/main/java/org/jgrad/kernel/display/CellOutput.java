package org.jgrad.kernel.display;

import java.util.Map;

/** Where a running cell's outputs go: the live Jupyter connection or the headless runner. */
public interface CellOutput {
    /** name is "stdout" or "stderr". */
    void stream(String name, String text);

    /** A MIME bundle (mime type → String). displayId may be null; update=true replaces an earlier output with that id. */
    void display(Map<String, Object> bundle, String displayId, boolean update);

    void clear(boolean wait);

    /**
     * Help a cell asked for ({@code name?}): a bundle with text/plain for Jupyter's pager. A
     * front end without a pager (the headless runner, a grader) shows the text as the cell's
     * stdout, so a saved notebook shows what the student read.
     */
    default void page(Map<String, Object> bundle) {
        String text = (String) bundle.get("text/plain");
        stream("stdout", text.endsWith("\n") ? text : text + "\n");
    }
}

package org.jgrad.kernel.eval;

import java.util.List;

/** A cell's failure as Jupyter shows it: ename, evalue, traceback lines. */
public final class CellError extends RuntimeException {
    public final String ename;
    public final String evalue;
    public final List<String> traceback;

    @Override
    public String getLocalizedMessage() { return ename + ": " + evalue; }

    public CellError(String ename, String evalue, List<String> traceback) {
        super(ename + ": " + evalue, null, false, false);
        this.ename = ename;
        this.evalue = evalue;
        this.traceback = traceback;
    }
}

package org.jgrad.kernel.eval;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Line magics ({@code %classpath}, {@code %maven}, {@code %load}) and cell magics ({@code %%time}).
 * Implemented in org.jgrad.kernel.magics and found with {@link ServiceLoader}, because magics
 * call the evaluator and the evaluator must not depend on them.
 */
public interface CellMagics {
    /** cell starts with "%%"; returns the bundle of the cell's value, as {@link Evaluator#eval}. */
    Map<String, Object> cellMagic(Evaluator evaluator, String cell);

    /** line is a line magic without its "%". */
    void lineMagic(Evaluator evaluator, String line);

    /** The first implementation on the kernel's class path, or one that says none is installed. */
    static CellMagics load() {
        return ServiceLoader.load(CellMagics.class, CellMagics.class.getClassLoader()).findFirst().orElse(new CellMagics() {
            public Map<String, Object> cellMagic(Evaluator e, String cell) { throw missing(cell.lines().findFirst().orElse(cell)); }
            public void lineMagic(Evaluator e, String line) { throw missing("%" + line); }
            private CellError missing(String magic) {
                String msg = magic + ": no magics on the kernel's class path (META-INF/services/" + CellMagics.class.getName() + ")";
                return new CellError("UnknownMagic", msg, List.of(msg));
            }
        });
    }
}

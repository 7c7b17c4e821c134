package org.jgrad.kernel;

import org.jgrad.kernel.display.CellOutput;
import org.jgrad.kernel.eval.Evaluator;
import org.jgrad.kernel.install.KernelInstaller;
import org.jgrad.kernel.protocol.JGradKernel;
import org.jgrad.kernel.runner.NotebookRunner;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * jgrad-kernel's command line:
 * <pre>
 *   install [--user | --prefix P | --sys-prefix | --system] [--name N] [--no-cds] [--max-heap SIZE]
 *   kernel CONNECTION_FILE
 *   run NOTEBOOK.ipynb... [--out DIR] [--timeout SECONDS] [--keep-going]
 * </pre>
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        List<String> rest = List.of(args).subList(1, args.length);
        switch (args[0]) {
            case "install" -> {
                try {
                    KernelInstaller.install(rest);
                } catch (IllegalArgumentException bad) {
                    System.err.println("install: " + bad.getMessage());
                    usage();
                    System.exit(2);
                }
            }
            case "kernel" -> {
                if (rest.size() != 1) { usage(); System.exit(2); }
                JGradKernel.run(Paths.get(rest.get(0)));
            }
            case "run" -> System.exit(run(rest));
            case "warmup" -> warmup();
            default -> { usage(); System.exit(2); }
        }
    }

    private static void usage() {
        System.err.println("usage: jgrad-kernel install [--user|--prefix P|--sys-prefix|--system] [--name N] [--no-cds] [--max-heap SIZE]\n"
                + "       jgrad-kernel kernel CONNECTION_FILE\n"
                + "       jgrad-kernel run NOTEBOOK.ipynb... [--out DIR] [--timeout SECONDS] [--keep-going]");
    }

    /** Runs a few typical cells; used to record the class-data-sharing archive at install time. */
    private static void warmup() {
        try (Evaluator e = new Evaluator()) {
            CellOutput sink = new CellOutput() {
                public void stream(String n, String t) {}
                public void display(Map<String, Object> b, String id, boolean u) {}
                public void clear(boolean w) {}
            };
            e.eval("var a = 1 + 1;\nSystem.out.println(a);\na", sink);
            e.eval("for (int i = 0; i < 3; i++) { a += i; }\nList.of(a)", sink);
            // a plot, a tensor product and a Value graph: the classes they load (Tablesaw, Pebble,
            // Jackson, the SVG drawing, javac's for lambdas and generics) go into the archive too
            e.eval("double[] px = {0, 1, 2}, py = {1, 0, 2};\n"
                    + "var tbl = Table.create(\"t\").addColumns(DoubleColumn.create(\"x\", px), DoubleColumn.create(\"y\", py));\n"
                    + "LinePlot.create(\"warm-up\", tbl, \"x\", \"y\")", sink);
            e.eval("var w = new Value(0.5, \"w\");\nValue loss = w.mul(2).add(1).tanh();\n"
                    + "for (int k = 0; k < 3; k++) { loss = loss.mul(w); }\nloss.backward();\ndraw(loss)", sink);
            e.eval("Tensor.randn(new Random(1), 64, 64).matmul(Tensor.randn(new Random(2), 64, 64))", sink);
            e.warmUpLibraries();
            e.complete("Sys", 3);
            e.isComplete("int x = ");
        }
        System.exit(0);
    }

    /** The {@code run} command; returns the process status (0: all notebooks ran). */
    public static int run(List<String> args) throws IOException {
        List<Path> notebooks = new ArrayList<>();
        Path out = null;
        double timeout = 0;
        boolean keepGoing = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--out" -> out = Paths.get(args.get(++i));
                case "--timeout" -> timeout = Double.parseDouble(args.get(++i));
                case "--keep-going" -> keepGoing = true;
                default -> notebooks.add(Paths.get(args.get(i)));
            }
        }
        if (notebooks.isEmpty()) {
            System.err.println("run: no notebook given");
            return 2;
        }
        int status = 0;
        for (Path nb : notebooks) {
            try (Evaluator evaluator = new Evaluator()) {
                NotebookRunner.Result r = new NotebookRunner(evaluator, timeout, keepGoing).run(nb, out);
                if (r.ok()) {
                    System.out.printf(java.util.Locale.ROOT, "ok %s: %d cells run in %.1f s (slowest: cell %d, %.2f s), written to %s%n",
                            nb, r.cellsRun(), r.seconds(), r.slowestCell(), r.slowestCellSeconds(), r.written());
                } else {
                    status = 1;
                    System.out.println("FAILED " + nb + ": cell " + r.failedCell() + " (index in the notebook's cells, from 0): "
                            + r.error().ename + ": " + r.error().evalue + "; outputs written to " + r.written());
                }
            }
        }
        return status;
    }
}

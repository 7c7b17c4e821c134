package org.jgrad.kernel.magics;

import org.jgrad.kernel.eval.CellError;
import org.jgrad.kernel.eval.CellMagics;
import org.jgrad.kernel.eval.Evaluator;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** IJava-named magics: %classpath/%jars, %maven, %load, %%time. */
public final class Magics implements CellMagics {
    @Override
    public void lineMagic(Evaluator evaluator, String line) {
        String[] parts = line.strip().split("\\s+", 2);
        String name = parts[0];
        String args = parts.length > 1 ? parts[1].strip() : "";
        switch (name) {
            case "classpath", "jars" -> {
                for (String arg : args.split("\\s+")) {
                    if (arg.isEmpty()) continue;
                    for (Path p : expand(evaluator, arg)) {
                        evaluator.addToClasspath(p.toString());
                        System.out.println("added to classpath: " + p);
                    }
                }
            }
            case "maven" -> {
                for (String coord : args.split("\\s+")) if (!coord.isEmpty()) maven(evaluator, coord);
            }
            case "load" -> {
                try {
                    Map<String, Object> r = evaluator.evalWithMagics(evaluator.readFile(args));
                    if (r != null) System.out.println(r.get("text/plain"));
                } catch (IOException e) {
                    throw new CellError("LoadError", e.getMessage(), List.of("%load: " + e.getMessage()));
                }
            }
            default -> throw new CellError("UnknownMagic", "%" + name,
                    List.of("unknown line magic %" + name + " (known: %classpath, %jars, %maven, %load, %%time)"));
        }
    }

    @Override
    public Map<String, Object> cellMagic(Evaluator evaluator, String cell) {
        int nl = cell.indexOf('\n');
        String header = (nl < 0 ? cell : cell.substring(0, nl)).substring(2).strip();
        String body = nl < 0 ? "" : cell.substring(nl + 1);
        String name = header.split("\\s+")[0];
        if (name.equals("time")) {
            // JShell compiles each snippet just before running it: the wall time is both, so say how it splits
            long t0 = System.nanoTime();
            long run0 = evaluator.runNanos();
            try {
                return evaluator.evalWithMagics(body);
            } finally {
                long wall = System.nanoTime() - t0;
                long run = evaluator.runNanos() - run0;
                System.out.printf(java.util.Locale.ROOT, "Wall time: %.1f ms (compile %.1f ms, run %.1f ms)%n",
                        wall / 1e6, (wall - run) / 1e6, run / 1e6);
            }
        }
        throw new CellError("UnknownMagic", "%%" + name, List.of("unknown cell magic %%" + name + " (known: %%time)"));
    }

    private static List<Path> expand(Evaluator evaluator, String arg) {
        Path p = evaluator.workDir().resolve(arg);
        List<Path> out = new ArrayList<>();
        String file = p.getFileName().toString();
        if (file.contains("*")) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p.getParent(), file)) {
                for (Path q : ds) out.add(q);
            } catch (IOException e) {
                throw new CellError("ClasspathError", e.getMessage(), List.of("%classpath: " + e));
            }
        } else if (Files.exists(p)) {
            out.add(p);
        } else {
            throw new CellError("ClasspathError", "no such file: " + p, List.of("%classpath: no such file: " + p));
        }
        return out;
    }

    /** Resolves group:artifact:version and its runtime dependencies from Maven Central (into ~/.m2) and adds them. */
    private static void maven(Evaluator evaluator, String coord) {
        String[] c = coord.split(":");
        if (c.length < 3) {
            throw new CellError("MavenError", "expected group:artifact:version, got " + coord,
                    List.of("%maven: expected group:artifact:version, got " + coord));
        }
        List<Path> jars;
        try {
            jars = MavenResolver.resolve(coord);
        } catch (Exception e) {
            throw new CellError("MavenError", coord + ": " + e.getMessage(), List.of("%maven " + coord + ": " + e.getMessage()));
        }
        for (Path jar : jars) {
            evaluator.addToClasspath(jar.toString());
        }
        System.out.println("added " + coord + " and " + (jars.size() - 1) + " dependenc" + (jars.size() == 2 ? "y" : "ies"));
    }
}

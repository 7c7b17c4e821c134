package org.jgrad.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The instructor's side of an assignment: its source notebooks (solutions and hidden tests in
 * them). Given as a notebook file, a folder of notebooks (nbgrader's source/ASSIGNMENT/), or a
 * name looked up in exercises/source/ (NAME.ipynb or NAME/).
 */
public record Assignment(String name, Path dir, Map<String, byte[]> files, Map<String, NotebookFile> notebooks) {

    public static Assignment find(String spec, Path root) throws IOException {
        Path p = Path.of(spec);
        List<Path> candidates = List.of(p, root.resolve("exercises/source").resolve(spec),
                root.resolve("exercises/source").resolve(spec + ".ipynb"));
        for (Path c : candidates) {
            if (Files.isRegularFile(c) && c.toString().endsWith(".ipynb")) {
                String file = c.getFileName().toString();
                return load(file.substring(0, file.length() - ".ipynb".length()), c.toAbsolutePath().getParent(), List.of(c));
            }
            if (Files.isDirectory(c)) {
                List<Path> nbs;
                try (Stream<Path> s = Files.list(c)) {
                    nbs = s.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
                }
                if (nbs.isEmpty()) throw new IOException("assignment folder " + c + " holds no .ipynb notebook");
                return load(c.getFileName().toString(), c.toAbsolutePath(), nbs);
            }
        }
        throw new IOException("no assignment '" + spec + "': not a notebook, not a folder, and not in " + root.resolve("exercises/source"));
    }

    private static Assignment load(String name, Path dir, List<Path> paths) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, NotebookFile> notebooks = new LinkedHashMap<>();
        for (Path p : paths) {
            byte[] bytes = Files.readAllBytes(p);
            String file = p.getFileName().toString();
            NotebookFile nb;
            try {
                nb = NotebookFile.parse(bytes, file);
            } catch (NotebookFile.Unreadable e) {
                throw new IOException("the instructor's notebook cannot be used: " + e.getMessage());
            }
            checkGradeIds(file, nb);
            files.put(file, bytes);
            notebooks.put(file, nb);
        }
        return new Assignment(name, dir, files, notebooks);
    }

    /** Grading matches cells by grade_id: the instructor's must be there and unique. */
    private static void checkGradeIds(String file, NotebookFile nb) throws IOException {
        List<String> seen = new ArrayList<>();
        for (NotebookFile.Cell c : nb.cells()) {
            boolean needsId = c.grade() || c.solution() || c.locked();
            if (needsId && (c.gradeId() == null || c.gradeId().isBlank())) {
                throw new IOException(file + ": cell " + c.index() + " is graded, a solution or locked but has no grade_id");
            }
            if (c.gradeId() != null) {
                if (seen.contains(c.gradeId())) throw new IOException(file + ": grade_id '" + c.gradeId() + "' is used twice");
                seen.add(c.gradeId());
            }
        }
    }

    public List<String> notebookNames() { return List.copyOf(notebooks.keySet()); }

    public NotebookFile notebook(String file) { return notebooks.get(file); }

    public byte[] bytes(String file) { return files.get(file); }

    public Map<String, Double> maxByNotebook() {
        Map<String, Double> m = new LinkedHashMap<>();
        notebooks.forEach((k, v) -> m.put(k, v.maxPoints()));
        return m;
    }

    /** grade_id → the test cell's code as the student sees it (hidden regions removed). */
    public Map<String, String> visibleTests(String file) {
        Map<String, String> m = new LinkedHashMap<>();
        for (NotebookFile.Cell c : notebooks.get(file).cells()) {
            if (c.isTest()) m.put(c.gradeId(), GradingPlan.visibleOnly(c.source()));
        }
        return m;
    }
}

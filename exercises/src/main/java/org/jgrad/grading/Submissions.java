package org.jgrad.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the submitted notebooks in a folder. Three layouts:
 * <ul>
 *   <li>nbgrader's: DIR/STUDENT/ASSIGNMENT/NB.ipynb;</li>
 *   <li>a folder per student: DIR/STUDENT/NB.ipynb (a single notebook under another name is
 *       taken for a one-notebook assignment: students rename files);</li>
 *   <li>flat, for one-notebook assignments: DIR/STUDENT.ipynb.</li>
 * </ul>
 * A notebook the student did not hand in is listed with a null path (it scores zero).
 */
final class Submissions {
    record Submission(String student, String notebook, Path path) {}

    private Submissions() {}

    static List<Submission> find(Path dir, String assignment, List<String> notebooks) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException("no submissions folder " + dir);
        List<Submission> out = new ArrayList<>();
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        for (Path e : entries) {
            String name = e.getFileName().toString();
            if (Files.isRegularFile(e) && name.endsWith(".ipynb")) {
                if (notebooks.size() != 1) {
                    throw new IOException("flat layout (" + name + ") needs a one-notebook assignment; " + assignment
                            + " has " + notebooks.size() + ": use DIR/STUDENT/NB.ipynb");
                }
                out.add(new Submission(safe(name.substring(0, name.length() - ".ipynb".length())), notebooks.get(0), e));
            } else if (Files.isDirectory(e)) {
                Path base = Files.isDirectory(e.resolve(assignment)) ? e.resolve(assignment) : e;
                List<Path> present;
                try (Stream<Path> s = Files.list(base)) {
                    present = s.filter(p -> p.getFileName().toString().endsWith(".ipynb") && Files.isRegularFile(p)).sorted().toList();
                }
                for (String nb : notebooks) {
                    Path p = base.resolve(nb);
                    if (!Files.isRegularFile(p)) p = notebooks.size() == 1 && present.size() == 1 ? present.get(0) : null;
                    out.add(new Submission(safe(name), nb, p));
                }
            }
        }
        return out;
    }

    /** A student name usable as a folder name. */
    static String safe(String student) {
        String s = student.replaceAll("[^A-Za-z0-9._@+-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }
}

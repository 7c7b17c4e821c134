package org.jgrad.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Makes the student version of exercise notebooks, as nbgrader's generate_assignment does:
 * source/ASSIGNMENT/NB.ipynb → release/ASSIGNMENT/NB.ipynb. Solutions become stubs (see
 * {@link Regions}), hidden tests go, outputs are cleared, graded and locked cells are made
 * undeletable, and every graded, answer and locked cell gets nbgrader's checksum.
 */
public final class Assign {
    private static final Pattern GRADE_ID = Pattern.compile("[A-Za-z0-9_-]+");

    private Assign() {}

    /** Releases the named assignments (all folders of sourceRoot when none); returns the notebooks written. */
    public static List<Path> run(Path sourceRoot, Path releaseRoot, List<String> assignments) throws IOException {
        List<String> names = new ArrayList<>(assignments);
        if (names.isEmpty()) {
            try (Stream<Path> s = Files.list(sourceRoot)) {
                s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(names::add);
            }
        }
        List<Path> written = new ArrayList<>();
        for (String name : names) {
            Path src = sourceRoot.resolve(name);
            if (!Files.isDirectory(src)) throw new IOException("no assignment " + name + " in " + sourceRoot + " (expected a folder " + src + ")");
            Path dst = releaseRoot.resolve(name);
            Files.createDirectories(dst);
            try (Stream<Path> files = Files.list(src)) {
                for (Path f : files.sorted().toList()) {
                    if (Files.isDirectory(f) || f.getFileName().toString().startsWith(".")) continue;
                    Path target = dst.resolve(f.getFileName().toString());
                    if (f.toString().endsWith(".ipynb")) {
                        release(Notebook.read(f), f.toString()).write(target);
                        written.add(target);
                    } else {
                        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);   // data files go along, as in nbgrader
                    }
                }
            }
        }
        return written;
    }

    /** The student version of one notebook; where names it in error messages. */
    public static Notebook release(Notebook source, String where) {
        Notebook nb = source.copy();
        checkMetadata(nb, where);
        nb.json().with("metadata").remove("celltoolbar");
        for (ObjectNode cell : nb.cells()) {
            String id = Notebook.gradeId(cell);
            String at = where + ": cell " + cell.path("id").asText("?") + (id != null ? " (grade_id " + id + ")" : "");
            boolean code = "code".equals(cell.path("cell_type").asText());
            lock(cell);
            try {
                String src = Notebook.source(cell);
                String cleared = Regions.replaceSolutions(src, id, code);
                if (cleared != null && !Notebook.isSolution(cell)) {
                    throw new IllegalArgumentException("a solution region in a cell not marked as an answer (nbgrader solution: true)");
                }
                if (cleared == null && Notebook.isSolution(cell)) {
                    // a whole answer cell without markers is replaced whole, as in nbgrader
                    cleared = code ? Regions.STUB : "YOUR ANSWER HERE";
                }
                if (cleared != null) src = cleared;
                String visible = Regions.removeHiddenTests(src);
                if (visible != null && !Notebook.isGrade(cell)) {
                    throw new IllegalArgumentException("a hidden-test region in a cell not marked as a test (nbgrader grade: true)");
                }
                if (visible != null) src = visible;
                Notebook.setSource(cell, src);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
            }
            if (code) {
                cell.putArray("outputs");
                cell.putNull("execution_count");
                cell.with("metadata").remove(List.of("collapsed", "scrolled"));
            }
            if (Notebook.isGrade(cell) || Notebook.isSolution(cell) || Notebook.isLocked(cell)) {
                ObjectNode m = Notebook.nbgrader(cell);
                m.put("checksum", Checksum.of(cell));
                m.put("cell_type", cell.path("cell_type").asText());
            }
        }
        return nb;
    }

    /** nbgrader's LockCells: answers cannot be deleted; tests and read-only cells neither deleted nor edited. */
    private static void lock(ObjectNode cell) {
        ObjectNode meta = cell.with("metadata");
        if (Notebook.isSolution(cell)) {
            meta.put("deletable", false);
        } else if (Notebook.isGrade(cell) || Notebook.isLocked(cell)) {
            meta.put("deletable", false);
            meta.put("editable", false);
        }
    }

    /** nbgrader's metadata rules (schema 3), plus cell ids (nbformat 4.5), with the cell named in the error. */
    static void checkMetadata(Notebook nb, String where) {
        if (nb.json().path("nbformat_minor").asInt(0) < 5) throw new IllegalArgumentException(where + ": nbformat_minor must be 5 or more (cells need ids)");
        Set<String> ids = new HashSet<>(), cellIds = new HashSet<>();
        for (ObjectNode cell : nb.cells()) {
            String cellId = cell.path("id").asText("");
            if (cellId.isEmpty()) throw new IllegalArgumentException(where + ": a cell without an id (nbformat 4.5)");
            if (!cellIds.add(cellId)) throw new IllegalArgumentException(where + ": two cells with id " + cellId);
            ObjectNode m = Notebook.nbgrader(cell);
            if (m == null) continue;
            String at = where + ": cell " + cellId;
            if (m.path("schema_version").asInt(0) != 3) throw new IllegalArgumentException(at + ": nbgrader schema_version must be 3");
            for (String key : List.of("grade", "solution", "locked")) {
                if (!m.path(key).isBoolean()) throw new IllegalArgumentException(at + ": nbgrader metadata needs \"" + key + "\": true or false");
            }
            boolean grade = m.get("grade").asBoolean(), solution = m.get("solution").asBoolean(), locked = m.get("locked").asBoolean();
            boolean markdown = "markdown".equals(cell.path("cell_type").asText());
            if (m.path("task").asBoolean(false)) throw new IllegalArgumentException(at + ": task cells (manually graded) are not supported by the autograder");
            if (!grade && !solution && !locked) continue;
            String id = m.path("grade_id").asText("");
            if (!GRADE_ID.matcher(id).matches()) throw new IllegalArgumentException(at + ": grade_id \"" + id + "\" must be letters, digits, _ or -");
            if (!ids.add(id)) throw new IllegalArgumentException(at + ": grade_id " + id + " is used twice");
            if (grade) {
                JsonNode p = m.get("points");
                if (p == null || !p.isNumber() || p.asDouble() <= 0) throw new IllegalArgumentException(at + " (grade_id " + id + "): a test cell needs \"points\" > 0");
            }
            if (markdown && grade != solution) throw new IllegalArgumentException(at + " (grade_id " + id + "): a markdown cell must be both grade and solution, or neither");
        }
    }
}

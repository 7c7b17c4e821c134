package org.jgrad.grading;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What runs when a submission is graded: the instructor's notebook is the source of truth for
 * which cells exist and in what order. Its code cells run as the instructor wrote them (test
 * and locked cells, hidden tests included, replace whatever the student left under the same
 * grade_id; deleted ones come back), except solution cells, whose code is the student's cell
 * with the same grade_id (or, failing that, the same nbformat cell id). Anything else the student
 * added is not run. The notes say what was found changed, for the feedback page.
 */
public record GradingPlan(List<Step> steps, List<String> notes) {
    public enum Kind { CODE, SOLUTION, TEST, MANUAL }

    /** A piece of a cell's code; hidden test regions run as their own piece, so their failures stay unseen. */
    public record Part(String code, boolean hidden) {}

    /** One instructor cell to run (or skip): problem says why a solution is missing. */
    public record Step(int index, String gradeId, Kind kind, double points, List<Part> parts, boolean fromStudent, String problem) {
        public String code() {
            StringBuilder b = new StringBuilder();
            parts.forEach(p -> b.append(p.code()));
            return b.toString();
        }
    }

    static final String BEGIN_HIDDEN = "BEGIN HIDDEN TESTS";
    static final String END_HIDDEN = "END HIDDEN TESTS";

    public static GradingPlan of(NotebookFile instructor, NotebookFile student) {
        Map<String, List<NotebookFile.Cell>> byGradeId = new HashMap<>();
        Map<String, NotebookFile.Cell> byCellId = new HashMap<>();
        for (NotebookFile.Cell c : student.cells()) {
            if (c.gradeId() != null) byGradeId.computeIfAbsent(c.gradeId(), k -> new ArrayList<>()).add(c);
            if (c.id() != null) byCellId.putIfAbsent(c.id(), c);
        }
        List<String> notes = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        Map<String, Integer> instructorOrder = new LinkedHashMap<>();
        for (NotebookFile.Cell c : instructor.cells()) {
            if (c.gradeId() != null) instructorOrder.put(c.gradeId(), instructorOrder.size());
        }
        for (NotebookFile.Cell ic : instructor.cells()) {
            String id = ic.gradeId();
            List<NotebookFile.Cell> theirs = id == null ? List.of() : byGradeId.getOrDefault(id, List.of());
            if (theirs.size() > 1) notes.add("cell '" + id + "' appears " + theirs.size() + " times; the first was used");
            if (!ic.isCode()) {
                if (id != null && ic.locked() && theirs.isEmpty()) notes.add("locked cell '" + id + "' was deleted; the original was used");
                continue;
            }
            if (ic.solution()) {
                NotebookFile.Cell mine = theirs.isEmpty() ? null : theirs.get(0);
                if (mine == null && ic.id() != null) {
                    NotebookFile.Cell sameId = byCellId.get(ic.id());
                    if (sameId != null && sameId.gradeId() == null) mine = sameId;   // metadata removed, cell kept
                }
                Kind kind = ic.grade() ? Kind.MANUAL : Kind.SOLUTION;
                if (mine == null || !mine.isCode()) {
                    String problem = "your answer cell '" + id + "' was not found in the submission"
                            + " (deleted, or its grade_id or metadata changed)";
                    notes.add(problem);
                    steps.add(new Step(ic.index(), id, kind, ic.points(), List.of(), true, problem));
                } else {
                    steps.add(new Step(ic.index(), id, kind, ic.points(), List.of(new Part(mine.source(), false)), true, null));
                }
                continue;
            }
            if (id != null && (ic.locked() || ic.grade())) {
                String what = ic.grade() ? "test cell" : "locked cell";
                if (theirs.isEmpty()) notes.add(what + " '" + id + "' was deleted; the instructor's version was used");
                else if (!same(theirs.get(0).source(), visibleOnly(ic.source())) && !same(theirs.get(0).source(), ic.source())) {
                    notes.add(what + " '" + id + "' was edited; the instructor's version was used");
                }
            }
            steps.add(new Step(ic.index(), id, ic.isTest() ? Kind.TEST : Kind.CODE, ic.isTest() ? ic.points() : 0,
                    split(ic.source()), false, null));
        }
        if (reordered(student, instructorOrder)) notes.add("graded cells were reordered; they ran in the instructor's order");
        for (String id : byGradeId.keySet()) {
            if (!instructorOrder.containsKey(id)) notes.add("cell with unknown grade_id '" + id + "' was not run");
        }
        return new GradingPlan(List.copyOf(steps), List.copyOf(notes));
    }

    private static boolean same(String a, String b) {
        return a.strip().replaceAll("\\s+\n", "\n").equals(b.strip().replaceAll("\\s+\n", "\n"));
    }

    private static boolean reordered(NotebookFile student, Map<String, Integer> order) {
        int last = -1;
        for (NotebookFile.Cell c : student.cells()) {
            Integer pos = c.gradeId() == null ? null : order.get(c.gradeId());
            if (pos == null) continue;
            if (pos < last) return true;
            last = pos;
        }
        return false;
    }

    /** Splits a test cell at its hidden-test markers (matched as substrings of a line, as nbgrader does). */
    static List<Part> split(String source) {
        List<Part> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean hidden = false;
        for (String line : source.split("(?<=\n)")) {
            if (!hidden && line.contains(BEGIN_HIDDEN)) {
                if (!current.isEmpty()) parts.add(new Part(current.toString(), false));
                current.setLength(0);
                hidden = true;
            } else if (hidden && line.contains(END_HIDDEN)) {
                if (!current.isEmpty()) parts.add(new Part(current.toString(), true));
                current.setLength(0);
                hidden = false;
            } else {
                current.append(line);
            }
        }
        if (!current.toString().isBlank()) parts.add(new Part(current.toString(), hidden));
        return parts;
    }

    /** The cell as a student sees it: hidden regions removed (as nbgrader's release does). */
    static String visibleOnly(String source) {
        StringBuilder b = new StringBuilder();
        split(source).stream().filter(p -> !p.hidden()).forEach(p -> b.append(p.code()));
        return b.toString();
    }
}

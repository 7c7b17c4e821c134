package org.jgrad.grading;

import java.util.List;

/**
 * One student's grade for one notebook: a line per graded cell, and what the grader noticed
 * (cells restored, answers refused). Stored per submission so an interrupted run resumes.
 */
public record NotebookGrade(String student, String notebook, String fingerprint, double score, double maxScore,
                            List<Part> parts, List<String> notes, String unreadable) {
    /**
     * A graded cell's line. kind: test (autograded), answer (the student's solution cell, no points
     * of its own), manual (needs an instructor). message says why it failed; it never holds the
     * text of a hidden test.
     */
    public record Part(String gradeId, String kind, double points, double maxPoints, String status, String message, String output) {}
}

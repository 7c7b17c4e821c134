package org.jgrad.grading;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * {@code ./course grade ASSIGNMENT SUBMISSIONS_DIR [--out DIR] [--jobs N] [--timeout S] [--memory SIZE] [--force]}.
 * The gradebook, results and feedback go to --out (default grades/ASSIGNMENT).
 */
public final class GradeCommand {
    private GradeCommand() {}

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (Exception e) {
            System.err.println("grade: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String[] args) throws Exception {
        String assignment = null;
        Path submissions = null, out = null;
        Grader.Settings d = Grader.Settings.defaults();
        double timeout = d.cellTimeoutSeconds();
        String memory = d.memory();
        int jobs = d.jobs();
        boolean force = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Paths.get(value(args, ++i, "--out"));
                case "--jobs" -> jobs = Integer.parseInt(value(args, ++i, "--jobs"));
                case "--timeout" -> timeout = Double.parseDouble(value(args, ++i, "--timeout"));
                case "--memory" -> memory = value(args, ++i, "--memory");
                case "--force" -> force = true;
                default -> {
                    if (args[i].startsWith("--")) throw new IllegalArgumentException("unknown option " + args[i]);
                    if (assignment == null) assignment = args[i];
                    else if (submissions == null) submissions = Paths.get(args[i]);
                    else throw new IllegalArgumentException("unexpected argument " + args[i]);
                }
            }
        }
        if (assignment == null || submissions == null) {
            System.err.println("usage: grade ASSIGNMENT SUBMISSIONS_DIR [--out DIR] [--jobs N] [--timeout SECONDS] [--memory SIZE] [--force]");
            return 2;
        }
        if (!memory.matches("\\d+[kmgKMG]?")) throw new IllegalArgumentException("--memory takes a heap size such as 512m, not " + memory);
        Path root = Paths.get(System.getProperty("jgrad.root", "."));
        Assignment a = Assignment.find(assignment, root);
        if (out == null) out = Paths.get("grades", a.name());
        new Grader(a, new Grader.Settings(timeout, memory, jobs, force), System.out).grade(submissions, out);
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }
}

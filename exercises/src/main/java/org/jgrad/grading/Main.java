package org.jgrad.grading;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The exercises' command line (./course assign, ./course validate):
 * <pre>
 *   assign [--source DIR] [--release DIR] [ASSIGNMENT...]
 *   validate NOTEBOOK.ipynb... [--timeout SECONDS]
 * </pre>
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) usage();
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        int status = switch (args[0]) {
            case "assign" -> assign(rest);
            case "validate" -> validate(rest);
            default -> { usage(); yield 2; }
        };
        System.out.flush();
        // the evaluator's threads (a student's too) must not keep the JVM alive
        Runtime.getRuntime().halt(status);
    }

    private static void usage() {
        System.err.println("usage: jgrad-exercises assign [--source DIR] [--release DIR] [ASSIGNMENT...]\n"
                + "       jgrad-exercises validate NOTEBOOK.ipynb... [--timeout SECONDS]");
        System.exit(2);
    }

    static int assign(List<String> args) {
        Path source = Paths.get("exercises/source"), release = Paths.get("exercises/release");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--source" -> source = Paths.get(args.get(++i));
                case "--release" -> release = Paths.get(args.get(++i));
                default -> names.add(args.get(i));
            }
        }
        try {
            for (Path p : Assign.run(source, release, names)) System.out.println("released " + p);
            return 0;
        } catch (Exception e) {
            System.err.println("assign: " + e.getMessage());
            return 1;
        }
    }

    static int validate(List<String> args) {
        double timeout = 120;
        List<Path> notebooks = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--timeout")) timeout = Double.parseDouble(args.get(++i));
            else notebooks.add(Paths.get(args.get(i)));
        }
        if (notebooks.isEmpty()) {
            System.err.println("validate: no notebook given");
            return 2;
        }
        int status = 0;
        for (Path nb : notebooks) {
            try {
                if (!Validate.report(nb, Validate.run(nb, timeout), System.out)) status = 1;
            } catch (Exception e) {
                System.err.println("validate: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}

package org.jgrad.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What surrounds a grading JVM, found once per run. On Linux with util-linux, the JVM runs in
 * its own network namespace (no network: not even the grader's loopback) and mount namespace,
 * where the instructor's directories (source notebooks, submissions, gradebook) are covered by
 * empty, unreadable tmpfs mounts; as root it then drops to user nobody, so nothing outside its
 * working directory is writable. Without root, user namespaces (--map-root-user) give the same
 * namespaces, the process keeps the instructor's uid. Where neither works the JVM runs plainly
 * and {@link #description()} says so. Always: a fresh working directory holding only the
 * submission, a bare environment, and a heap cap.
 */
final class Sandbox {
    enum Mode { ROOT, USER_NAMESPACE, NONE }

    private static final String MOUNT_AND_RUN =
            "set -e; mount --make-rprivate /; n=$1; shift; i=0; "
            + "while [ $i -lt $n ]; do mount -t tmpfs -o size=16k,mode=000 tmpfs \"$1\"; shift; i=$((i+1)); done; "
            + "if [ \"$1\" = --drop ]; then shift; exec setpriv --reuid=65534 --regid=65534 --clear-groups \"$@\"; fi; shift; exec \"$@\"";

    final Mode mode;
    private final List<Path> hidden;

    private Sandbox(Mode mode, List<Path> hidden) {
        this.mode = mode;
        this.hidden = hidden;
    }

    /** The strongest mode that works here; hide: directories graded code must not see. */
    static Sandbox detect(List<Path> hide) {
        return detect(hide, List.of());
    }

    /** need: files the grading JVM must read (its jars): as nobody it may not be able to. */
    static Sandbox detect(List<Path> hide, List<Path> need) {
        List<Path> dirs = new ArrayList<>();
        for (Path p : hide) {
            Path d = p.toAbsolutePath().normalize();
            if (Files.isDirectory(d) && !dirs.contains(d)) dirs.add(d);
        }
        if (System.getenv("JGRAD_GRADE_NO_SANDBOX") == null && System.getProperty("os.name").startsWith("Linux")) {
            boolean root = "0".equals(run("id", "-u"));
            if (root && works(Mode.ROOT, need)) return new Sandbox(Mode.ROOT, dirs);
            if (works(Mode.USER_NAMESPACE, need)) return new Sandbox(Mode.USER_NAMESPACE, dirs);
        }
        return new Sandbox(Mode.NONE, dirs);
    }

    /** Hidden directories that hold what the JVM itself needs (its jars, its working dir) stay visible. */
    List<Path> hiddenDirs(List<Path> mustSee) {
        List<Path> out = new ArrayList<>();
        for (Path d : hidden) {
            boolean needed = mustSee.stream().anyMatch(p -> p.toAbsolutePath().normalize().startsWith(d));
            if (!needed) out.add(d);
        }
        return out;
    }

    List<String> wrap(List<String> command, List<Path> mustSee) {
        if (mode == Mode.NONE) return command;
        List<String> out = new ArrayList<>(List.of("unshare", "--net", "--mount", "--fork"));
        if (mode == Mode.USER_NAMESPACE) out.add("--map-root-user");
        out.addAll(List.of("--", "sh", "-c", MOUNT_AND_RUN, "sh"));
        List<Path> dirs = hiddenDirs(mustSee);
        out.add(String.valueOf(dirs.size()));
        dirs.forEach(d -> out.add(d.toString()));
        out.add(mode == Mode.ROOT ? "--drop" : "--keep");
        out.addAll(command);
        return out;
    }

    /** As root the JVM runs as nobody: its working directory must be nobody's. */
    void prepareWorkDir(Path dir) throws IOException {
        if (mode != Mode.ROOT) return;
        Files.setAttribute(dir, "unix:uid", 65534);
        Files.setAttribute(dir, "unix:gid", 65534);
        try (var files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                Files.setAttribute(p, "unix:uid", 65534);
                Files.setAttribute(p, "unix:gid", 65534);
            }
        }
    }

    String description() {
        return switch (mode) {
            case ROOT -> "no network (unshare --net), instructor directories hidden (tmpfs in a private mount namespace), runs as user nobody";
            case USER_NAMESPACE -> "no network (unshare --net in a user namespace), instructor directories hidden; runs as the instructor's user";
            case NONE -> "NOT isolated: unshare is not available or not permitted here, so graded code has the network and "
                    + "can read and write what this user can (it still gets a fresh working directory and a heap cap)";
        };
    }

    /** Whether the namespaces can be made here, and the needed files read inside them. */
    private static boolean works(Mode mode, List<Path> need) {
        List<String> cmd = new ArrayList<>(List.of("unshare", "--net", "--mount", "--fork"));
        if (mode == Mode.USER_NAMESPACE) cmd.add("--map-root-user");
        cmd.addAll(List.of("--", "sh", "-c", MOUNT_AND_RUN, "sh", "0", mode == Mode.ROOT ? "--drop" : "--keep", "test", "-e", "/"));
        for (Path p : need) {
            if (Files.exists(p)) cmd.addAll(List.of("-a", "-r", p.toAbsolutePath().toString()));
        }
        return run(cmd.toArray(String[]::new)) != null;
    }

    /** A command's output, or null when it cannot run or fails. */
    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

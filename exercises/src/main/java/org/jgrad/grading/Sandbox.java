package org.jgrad.grading;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What surrounds a grading JVM, found once per run. On Linux with util-linux, the JVM runs in
 * its own network namespace (no network: not even the grader's loopback), pid namespace and
 * mount namespace, whose root is a new, empty file system holding only an allow-list: the
 * system's programs and libraries (/usr, /etc and the /bin, /lib links), the JVM's own files
 * (the JDK, the class path jars and classes, the class-data archive) and any paths the
 * instructor names in JGRAD_GRADE_READABLE, all read-only; a fresh /tmp, /dev/null and the
 * random devices, a /proc of its own pid namespace; and its working directory, the only place
 * it can write. Everything else (the course's checkout, the instructor's notebooks, the
 * submissions, the gradebook, other students' working directories, /home, /root, /work ...)
 * does not exist in there, wherever it lies and whatever its permissions; an instructor
 * directory inside an allowed one (a course under /usr/local) is covered by an empty tmpfs.
 * As root the JVM then drops to user nobody; without root, user namespaces (--map-root-user)
 * give the same namespaces and the process keeps the instructor's uid. Where neither works the
 * JVM runs plainly and {@link #description()} says so. Always: a fresh working directory
 * holding only the submission, a bare environment, and a heap cap.
 */
final class Sandbox {
    enum Mode { ROOT, USER_NAMESPACE, NONE }

    /** What graded code may read of the system: programs, shared libraries, /etc (the JDK's links into it, time zones, BLAS alternatives). */
    private static final List<String> SYSTEM = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc");
    private static final List<String> DEVICES = List.of("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom");

    /**
     * Builds the new root on the empty directory $1 from the operations that follow, up to
     * --run: link PATH TARGET, ro PATH / rw PATH (bound at the same path), hide PATH (an empty
     * tmpfs over it), tmp PATH, proc PATH. Then pivot_root into it and detach the old root, so
     * nothing of the machine's file system is left behind, cd to the working directory $2, and
     * run the command (as nobody after --drop).
     */
    private static final String MOUNT_AND_RUN = String.join("\n",
            "set -e",
            "mount --make-rprivate /",
            "r=$1; wd=$2; shift 2",
            "mount -t tmpfs -o size=1m,mode=755 jgrad-sandbox \"$r\"",
            "while [ \"$1\" != --run ]; do",
            "  op=$1; p=$2; shift 2",
            "  case $op in",
            "    link) ln -s \"$1\" \"$r$p\"; shift ;;",
            "    ro|rw) if [ -d \"$p\" ]; then mkdir -p \"$r$p\"; else mkdir -p \"$r${p%/*}\"; [ -e \"$r$p\" ] || : > \"$r$p\"; fi",
            "      mount --rbind \"$p\" \"$r$p\"",
            "      if [ $op = ro ]; then mount -o remount,bind,ro \"$r$p\"; fi ;;",
            "    hide) mount -t tmpfs -o size=16k,mode=755 jgrad-hidden \"$r$p\" ;;",
            "    tmp) mkdir -p \"$r$p\"; mount -t tmpfs -o size=64m,mode=1777 jgrad-tmp \"$r$p\" ;;",
            "    proc) mkdir -p \"$r$p\"; mount -t proc proc \"$r$p\" ;;",
            "    *) echo \"sandbox: unknown operation $op\" >&2; exit 2 ;;",
            "  esac",
            "done",
            "shift",
            "cd \"$r\"; pivot_root . .; umount -l .; cd \"$wd\"",
            "if [ \"$1\" = --drop ]; then shift; exec setpriv --reuid=65534 --regid=65534 --clear-groups --no-new-privs \"$@\"; fi",
            "shift; exec \"$@\"");

    final Mode mode;
    private final List<Path> hidden;
    private final List<Path> readable;

    /** hidden: the instructor's directories; readable: paths graded code may read besides the system's and the JVM's. */
    Sandbox(Mode mode, List<Path> hidden, List<Path> readable) {
        this.mode = mode;
        this.hidden = hidden;
        this.readable = readable;
    }

    /** The strongest mode that works here; hide: directories graded code must not see. */
    static Sandbox detect(List<Path> hide) {
        return detect(hide, List.of());
    }

    /** need: files the grading JVM must read (its JDK and jars): checked from inside the sandbox. */
    static Sandbox detect(List<Path> hide, List<Path> need) {
        List<Path> dirs = new ArrayList<>();
        for (Path p : hide) {
            Path d = p.toAbsolutePath().normalize();
            if (Files.isDirectory(d) && !dirs.contains(d)) dirs.add(d);
        }
        // data an instructor's exercises read from disk (class path resources need nothing)
        List<Path> extra = new ArrayList<>();
        String allowed = System.getenv("JGRAD_GRADE_READABLE");
        if (allowed != null) {
            for (String e : allowed.split(File.pathSeparator)) {
                if (!e.isBlank()) extra.add(Paths.get(e).toAbsolutePath().normalize());
            }
        }
        if (System.getenv("JGRAD_GRADE_NO_SANDBOX") == null && System.getProperty("os.name").startsWith("Linux")) {
            boolean root = "0".equals(run(List.of("id", "-u")));
            for (Mode m : root ? List.of(Mode.ROOT, Mode.USER_NAMESPACE) : List.of(Mode.USER_NAMESPACE)) {
                Sandbox s = new Sandbox(m, dirs, extra);
                if (s.works(need)) return s;
            }
        }
        return new Sandbox(Mode.NONE, dirs, extra);
    }

    /**
     * The command that runs command in the sandbox, in workDir (its only writable place);
     * readable: what the JVM itself reads (JDK, class path, archive), besides the system's files.
     */
    List<String> wrap(List<String> command, Path workDir, List<Path> readable) throws IOException {
        if (mode == Mode.NONE) return command;
        Path wd = workDir.toAbsolutePath().normalize();
        // the new root is mounted here; mount namespaces are private, so all grading JVMs share the one directory
        Path mountPoint = Files.createDirectories(wd.resolveSibling("jgrad-sandbox-root"));
        List<String> out = new ArrayList<>(List.of("unshare", "--net", "--mount", "--pid", "--fork"));
        if (mode == Mode.USER_NAMESPACE) out.add("--map-root-user");
        out.addAll(List.of("--", "sh", "-c", MOUNT_AND_RUN, "sh", mountPoint.toString(), wd.toString()));
        out.addAll(operations(wd, readable));
        out.add("--run");
        out.add(mode == Mode.ROOT ? "--drop" : "--keep");
        out.addAll(command);
        return out;
    }

    /** The new root's contents, in mount order (see MOUNT_AND_RUN). */
    List<String> operations(Path wd, List<Path> jvmFiles) {
        List<String> ops = new ArrayList<>();
        List<Path> bound = new ArrayList<>();
        List<Path> system = new ArrayList<>();
        for (String s : SYSTEM) {
            Path p = Paths.get(s);
            try {
                if (Files.isSymbolicLink(p)) ops.addAll(List.of("link", s, Files.readSymbolicLink(p).toString()));
                else if (Files.isDirectory(p)) {
                    ops.addAll(List.of("ro", s));
                    bound.add(p);
                    system.add(p);
                }
            } catch (IOException e) {
                // unreadable link: left out
            }
        }
        ops.addAll(List.of("tmp", "/tmp"));
        for (String d : DEVICES) if (Files.exists(Paths.get(d))) ops.addAll(List.of("rw", d));
        ops.addAll(List.of("proc", "/proc"));
        List<Path> files = new ArrayList<>();
        for (Path p : jvmFiles) files.add(p.toAbsolutePath().normalize());
        files.addAll(readable);
        files.removeIf(p -> !Files.exists(p) || p.startsWith(wd));
        files.sort(Comparator.comparingInt(Path::getNameCount));   // a directory before what lies in it
        List<Path> own = new ArrayList<>();
        for (Path p : files) {
            if (bound.stream().anyMatch(p::startsWith) || own.contains(p)) continue;   // already there
            ops.addAll(List.of("ro", p.toString()));
            bound.add(p);
            own.add(p);
        }
        // an instructor's directory that a bound one shows (a course under /usr/local, or
        // inside an allowed directory) is covered; what the JVM needs inside it is bound again
        List<Path> covers = new ArrayList<>();
        for (Path h : hidden) {
            Path real = realPath(h);
            for (Path b : bound) {
                Path src = realPath(b);
                if (!real.startsWith(src)) continue;
                Path at = b.resolve(src.relativize(real).toString());
                if (!covers.contains(at)) covers.add(at);
            }
        }
        covers.sort(Comparator.comparingInt(Path::getNameCount));
        for (Path c : covers) ops.addAll(List.of("hide", c.toString()));
        for (Path p : files) {
            if (covers.stream().anyMatch(p::startsWith)) ops.addAll(List.of("ro", p.toString()));
        }
        ops.addAll(List.of("rw", wd.toString()));   // last: nothing covers it
        return ops;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
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
        String files = "a file system of its own (its working directory; the system's files, the JDK and the class path read-only"
                + (readable.isEmpty() ? "" : "; and " + readable.size() + " path(s) of JGRAD_GRADE_READABLE")
                + "; nothing of the course, the submissions or the gradebook)";
        return switch (mode) {
            case ROOT -> "no network (unshare --net), " + files + ", runs as user nobody";
            case USER_NAMESPACE -> "no network (unshare --net in a user namespace), " + files + ", runs as the instructor's user";
            case NONE -> "NOT isolated: unshare is not available or not permitted here, so graded code has the network and "
                    + "can read and write what this user can (it still gets a fresh working directory and a heap cap)";
        };
    }

    /** What graded code is told when a file it asked for is not there (GradingJvm passes it on). */
    String fileNote() {
        return mode == Mode.NONE ? "" : "graded code sees only its working directory, the class path and the system's files";
    }

    /** Whether the sandbox can be made here, with the needed files readable inside it. */
    private boolean works(List<Path> need) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("jgrad-sandbox-check-");
            Path wd = Files.createDirectory(dir.resolve("w"));
            List<String> test = new ArrayList<>(List.of("test", "-d", wd.toString()));
            for (Path p : need) {
                if (Files.exists(p)) test.addAll(List.of("-a", "-r", p.toAbsolutePath().normalize().toString()));
            }
            return run(wrap(test, wd, need)) != null;
        } catch (IOException e) {
            return false;
        } finally {
            if (dir != null) Grader.deleteTree(dir);
        }
    }

    /** A command's output, or null when it cannot run or fails. */
    private static String run(List<String> cmd) {
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

package org.jgrad.kernel.eval;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Forgets what JShell keeps of snippets that nothing can use again, so that a cell costs the
 * same at the end of an afternoon as at its start.
 * <p>
 * JShell keeps the bytecode of every class it ever compiled: one (or more) per snippet, for
 * statements, expressions, dropped and replaced declarations too. Every javac run (three or more
 * per snippet) lists all of them as the package {@code REPL}, enters each into javac's symbol
 * table and removes it again at the end, leaving an empty entry per class name that every later
 * run walks through. A 20-line cell over {@code Value}s cost 67 ms of CPU in a fresh kernel and
 * 116-128 ms after 250 such cells (JDK 17; JDK 25 alike).
 * <p>
 * After each cell this drops the bytecode of every class that is not an active declaration's
 * (later snippets can name only those; classes already loaded keep running), and the empty
 * entries of javac's pooled symbol tables: the same cell then stays at 62-68 ms after 250. Both
 * live in JDK internals, reached by reflection: the JVM needs the {@code --add-opens} options of
 * {@code KernelInstaller.JSHELL_OPENS} (kernel.json, the runner and the grader have them). Without them,
 * or on a JDK whose internals differ, it does nothing and says why once in the kernel log.
 */
final class SnippetHousekeeping {
    /** JShell's name prefix of the classes it wraps snippets in. */
    private static final String WRAPPER_PREFIX = "REPL.$JShell$";

    private final JShell shell;
    private final Method classFullName;
    private final Map<String, ?> compiledClasses;
    private final Map<?, ? extends Collection<?>> pooledCompilers;
    private final Method symbolTableOf;
    private final Field symbolTableClasses;

    private SnippetHousekeeping(JShell shell) throws ReflectiveOperationException {
        this.shell = shell;
        classFullName = accessible(Snippet.class.getDeclaredMethod("classFullName"));
        Object taskFactory = read(shell, "taskFactory");
        compiledClasses = cast(read(read(taskFactory, "fileManager"), "classObjects"));
        pooledCompilers = cast(read(read(taskFactory, "javacTaskPool"), "options2Contexts"));
        Class<?> symtab = Class.forName("com.sun.tools.javac.code.Symtab", false, JShell.class.getClassLoader());
        symbolTableOf = accessible(symtab.getMethod("instance", Class.forName("com.sun.tools.javac.util.Context", false, symtab.getClassLoader())));
        symbolTableClasses = accessible(symtab.getDeclaredField("classes"));
    }

    /** Housekeeping for shell, or null (logged) when this JVM or JDK does not allow it. */
    static SnippetHousekeeping of(JShell shell) {
        try {
            return new SnippetHousekeeping(shell);
        } catch (ReflectiveOperationException | RuntimeException e) {
            KernelLog.log("cells will compile more slowly as a session goes on: JShell's compiled snippets cannot be"
                    + " pruned (" + e + "); start the JVM with the --add-opens options kernel.json has");
            return null;
        }
    }

    /** Called between cells, on the thread that runs them (JShell is not thread-safe). */
    void afterCell() {
        try {
            Set<String> inUse = new HashSet<>();
            for (Snippet s : (Iterable<Snippet>) shell.snippets()::iterator) {
                if (s instanceof DeclarationSnippet && shell.status(s).isActive()) inUse.add((String) classFullName.invoke(s));
            }
            compiledClasses.keySet().removeIf(name -> !inUse.contains(wrapperOf(name)));
            for (Collection<?> contexts : pooledCompilers.values()) {
                for (Object context : contexts) {
                    Map<?, ? extends Map<?, ?>> classes = cast(symbolTableClasses.get(symbolTableOf.invoke(null, context)));
                    classes.values().removeIf(Map::isEmpty);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            KernelLog.log("pruning JShell's compiled snippets failed: " + e);
        }
    }

    /** Number of compiled classes JShell keeps (for tests). */
    int compiledClassCount() { return compiledClasses.size(); }

    /** "REPL.$JShell$12B" for its nested classes "REPL.$JShell$12B$Node$Leaf" and for itself. */
    static String wrapperOf(String className) {
        if (!className.startsWith(WRAPPER_PREFIX)) return className;
        int nested = className.indexOf('$', WRAPPER_PREFIX.length());
        return nested < 0 ? className : className.substring(0, nested);
    }

    private static Object read(Object target, String field) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                return accessible(c.getDeclaredField(field)).get(target);
            } catch (NoSuchFieldException tryTheSuperclass) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(target.getClass().getName() + "." + field);
    }

    private static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
        member.setAccessible(true);
        return member;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) { return (T) o; }
}

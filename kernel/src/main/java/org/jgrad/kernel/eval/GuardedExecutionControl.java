package org.jgrad.kernel.eval;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs snippets in the kernel's own JVM (fast) on the calling thread, after rewriting
 * their bytecode with {@link GuardTransformer} so that loops can be interrupted and
 * System.exit ends only the cell.
 */
final class GuardedExecutionControl extends DirectExecutionControl {

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        super.load(rewrite(cbcs));
    }

    @Override
    public void redefine(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        super.redefine(rewrite(cbcs));
    }

    private static ClassBytecodes[] rewrite(ClassBytecodes[] cbcs) {
        ClassBytecodes[] out = new ClassBytecodes[cbcs.length];
        for (int i = 0; i < cbcs.length; i++) {
            out[i] = new ClassBytecodes(cbcs[i].name(), GuardTransformer.transform(cbcs[i].bytecodes()));
        }
        return out;
    }

    private ExecutorService exec = newExec();
    private volatile Thread running;
    /** The thread cells run on (the executor's one thread), once it exists. */
    private volatile Thread cellThread;
    private volatile long interruptedAt;
    /** The running cell was interrupted, perhaps while JShell was still compiling a snippet of it. */
    private volatile boolean stopRequested;
    volatile Object lastValue;
    /** Time spent running snippets' code (not compiling or loading them), for %%time. */
    volatile long runNanos;

    private ExecutorService newExec() {
        return Executors.newSingleThreadExecutor(r -> {
            // a large stack so ordinary deep recursion works; StackOverflowError is still caught
            Thread t = new Thread(null, r, "jgrad-cell", 16L * 1024 * 1024);
            t.setDaemon(true);
            cellThread = t;
            return t;
        });
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        lastValue = null;
        Object value = onCellThread(() -> {
            Thread.currentThread().setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
            long start = System.nanoTime();
            try {
                return doitMethod.invoke(null);
            } finally {
                runNanos += System.nanoTime() - start;
                forgetValueHolder(doitMethod.getDeclaringClass());
            }
        });
        lastValue = value;
        // JShell's own text of the value (SnippetEvent.value()) is not what the kernel shows: the
        // Evaluator renders lastValue on the cell thread. Calling toString here, on the kernel's
        // thread, would run cell code unguarded (a toString that loops, or overflows the stack).
        return summary(value);
    }

    /**
     * Runs body on the cell thread, where cell code is guarded: an interrupt stops it at its next
     * check, else it is abandoned after 3 s. What body throws is thrown; an Error or a Throwable
     * that is not an Exception comes wrapped in an InvocationTargetException (as JShell expects).
     */
    <T> T onCellThread(java.util.concurrent.Callable<T> body) throws Exception {
        Future<T> f = exec.submit(() -> {
            running = Thread.currentThread();
            try {
                // an interrupt that came while the snippet compiled found no thread to stop (and,
                // after an abandoned cell, the next thread not made yet): it stops the snippet here
                if (stopRequested) throw new Guard.Interrupted();
                return body.call();
            } finally {
                running = null;
                Thread.interrupted();
            }
        });
        while (true) {
            try {
                return f.get(25, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                CellOutputStream.flushStale();   // output printed before a sleep or a long computation
                long at = interruptedAt;
                if (at != 0 && System.nanoTime() - at > 3_000_000_000L) {
                    abandon();
                    throw new InvocationTargetException(new Guard.Interrupted());
                }
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof Exception) throw (Exception) c;
                throw new InvocationTargetException(c);
            }
        }
    }

    /**
     * The cell ignored the interrupt for 3 s (a loop inside the JDK or a library, which has no
     * checks, or native code): a fresh thread takes over. The old one stops at its next check,
     * if it ever reaches one; on JDK 17 Thread.stop ends it now (JDK 20+ refuses Thread.stop).
     */
    private void abandon() {
        Thread old = cellThread;
        ExecutorService oldExec = exec;
        exec = newExec();
        oldExec.shutdownNow();
        if (old == null) return;
        Guard.abandon(old);
        try {
            Thread.class.getMethod("stop").invoke(old);
            KernelLog.log("a cell ignored an interrupt for 3 s: its thread was stopped (Thread.stop)");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            KernelLog.log("a cell ignored an interrupt for 3 s: its thread is abandoned and runs on until it returns to cell code"
                    + " (Thread.stop is unavailable on JDK " + Runtime.version().feature() + ")");
        }
    }

    /**
     * A variable's value, read for a cell that ends with the variable's bare name (see
     * Evaluator.bareVariable): kept as {@link #lastValue} for the renderers, which run on the cell
     * thread; JShell gets only the {@link #summary}, as for a snippet's value.
     */
    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        lastValue = null;
        Object value;
        try {
            java.lang.reflect.Field field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            value = field.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new InternalException(e.toString());
        }
        lastValue = value;
        return summary(value);
    }

    /**
     * What JShell gets as a snippet's value string. DirectExecutionControl's valueString lists
     * every element of an array (5.8 s for `double[] b = new double[13_107_200];`) and calls
     * toString() of every declared object, and JShell throws the string away: the kernel shows
     * {@link #lastValue} through its renderers. So a summary that costs the same for any size.
     */
    static String summary(Object value) {
        if (value == null) return "null";
        if (value instanceof Number || value instanceof Boolean || value instanceof Character) {
            if (value.getClass().getName().startsWith("java.lang.")) return value.toString();
        }
        Class<?> c = value.getClass();
        if (c.isArray()) {
            String type = c.getComponentType().getSimpleName();
            int bracket = type.indexOf('[');
            return bracket < 0 ? type + "[" + java.lang.reflect.Array.getLength(value) + "]"
                    : type.substring(0, bracket) + "[" + java.lang.reflect.Array.getLength(value) + "]" + type.substring(bracket);
        }
        return c.getName();
    }

    /**
     * A cell's value lives on in its holder variable's static field (see Evaluator.evalAsValue)
     * after the variable is dropped; clear it so a big result can be collected.
     */
    private static void forgetValueHolder(Class<?> wrapper) {
        for (java.lang.reflect.Field f : wrapper.getDeclaredFields()) {
            if (!f.getName().startsWith(Evaluator.VALUE_HOLDER)) continue;
            try {
                f.setAccessible(true);
                f.set(null, null);
            } catch (IllegalAccessException | RuntimeException e) {
                // left as it is: only memory is at stake
            }
        }
    }

    /** A new cell starts: earlier interrupts are spent. */
    void newCell() {
        stopRequested = false;
        interruptedAt = 0;
    }

    @Override
    public void stop() {
        stopRequested = true;   // before reading running: the cell thread sets running, then reads this
        Guard.request(cellThread);
        interruptedAt = System.nanoTime();
        Thread t = running;
        if (t != null) t.interrupt();
    }

    /** Passed to JShell.builder().executionEngine(...). */
    static final class Provider implements ExecutionControlProvider {
        volatile GuardedExecutionControl control;

        @Override public String name() { return "jgrad-guarded"; }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            control = new GuardedExecutionControl();
            return control;
        }
    }
}

package org.jgrad.kernel;

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
    private volatile long interruptedAt;
    volatile Object lastValue;

    private static ExecutorService newExec() {
        return Executors.newSingleThreadExecutor(r -> {
            // a large stack so ordinary deep recursion works; StackOverflowError is still caught
            Thread t = new Thread(null, r, "jgrad-cell", 16L * 1024 * 1024);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        lastValue = null;
        interruptedAt = 0;
        Future<Object> f = exec.submit(() -> {
            running = Thread.currentThread();
            Thread.currentThread().setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
            try {
                return doitMethod.invoke(null);
            } finally {
                forgetValueHolder(doitMethod.getDeclaringClass());
                running = null;
                Thread.interrupted();
            }
        });
        while (true) {
            try {
                Object value = f.get(25, TimeUnit.MILLISECONDS);
                lastValue = value;
                return summary(value);
            } catch (TimeoutException e) {
                CellOutputStream.flushStale();   // output printed before a sleep or a long computation
                long at = interruptedAt;
                if (at != 0 && System.nanoTime() - at > 3_000_000_000L) {
                    // the cell ignores interrupts (e.g. blocked in native code): abandon its thread
                    ExecutorService old = exec;
                    exec = newExec();
                    old.shutdownNow();
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

    @Override
    public void stop() {
        Guard.request();
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

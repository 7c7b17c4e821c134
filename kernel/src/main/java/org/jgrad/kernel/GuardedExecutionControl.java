package org.jgrad.kernel;

import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell execution in the kernel's own JVM (a cell costs milliseconds, not the ≈200 ms of a
 * remote JVM), made safe by {@link Instrumenter}: every snippet class is rewritten before it is
 * loaded. Also keeps the last expression's value as an object, for rich display.
 */
final class GuardedExecutionControl extends DirectExecutionControl {

    private Object lastValue;

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException,
            EngineTerminationException {
        super.load(instrumentAll(classes));
    }

    @Override
    public void redefine(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException,
            EngineTerminationException {
        super.redefine(instrumentAll(classes));
    }

    private static ClassBytecodes[] instrumentAll(ClassBytecodes[] classes) {
        ClassBytecodes[] out = new ClassBytecodes[classes.length];
        for (int i = 0; i < classes.length; i++) {
            out[i] = new ClassBytecodes(classes[i].name(), Instrumenter.instrument(classes[i].bytecodes()));
        }
        return out;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object value = doitMethod.invoke(null);
        lastValue = value;
        return valueString(value);
    }

    /** The value of the last snippet run, or null; cleared by reading it. */
    Object takeLastValue() {
        Object v = lastValue;
        lastValue = null;
        return v;
    }

    /** Gives JShell this engine, and hands the instance back to the evaluator. */
    static final class Provider implements ExecutionControlProvider {
        private GuardedExecutionControl control;

        @Override
        public String name() {
            return "jgrad-guarded";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            control = new GuardedExecutionControl();
            return control;
        }

        GuardedExecutionControl control() {
            return control;
        }
    }
}

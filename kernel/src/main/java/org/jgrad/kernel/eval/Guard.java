package org.jgrad.kernel.eval;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Called from rewritten snippet bytecode (see {@link GuardTransformer}). Every method entry and
 * backward branch of a snippet calls {@link #check()}; calls to System.exit / Runtime.exit /
 * Runtime.halt become {@link #exit(int)}, {@link #exit(Runtime, int)}, {@link #halt(Runtime, int)};
 * reflective calls ({@code Method.invoke}) and method-handle look-ups go through {@link #reflective}
 * and the {@code find…} methods here, which stand in for exit and halt the same way.
 */
public final class Guard {
    private Guard() {}

    /**
     * An interrupt is pending for some thread: the only field {@link #check()} reads while nothing
     * is pending, so a cell's loops pay one volatile read.
     */
    private static volatile boolean pending;
    /** The cell thread the pending interrupt is for: a student's own background threads go on. */
    private static volatile Thread target;
    /** Cell threads abandoned after ignoring an interrupt: they stop at their next check, whenever. */
    private static final Set<Thread> abandoned = ConcurrentHashMap.newKeySet();

    /** Thrown into a running cell when the user interrupts it. */
    public static final class Interrupted extends Error {
        public Interrupted() { super("cell interrupted", null, false, false); }
    }

    /** Thrown instead of ending the JVM when a cell calls System.exit, Runtime.exit or Runtime.halt. */
    public static final class ExitCalled extends Error {
        public final int status;
        public ExitCalled(int status) { this("System.exit", status); }
        public ExitCalled(String call, int status) { super(call + "(" + status + ") called", null, false, false); this.status = status; }
    }

    public static void check() {
        if (pending) checkThread();
    }

    private static void checkThread() {
        Thread me = Thread.currentThread();
        // not cleared here: a cell that catches Interrupted is stopped again at its next check
        if (me == target || abandoned.contains(me)) throw new Interrupted();
    }

    /** Interrupts cell code running on thread cell (at its next check); other threads are left alone. */
    public static void request(Thread cell) {
        target = cell;
        pending = true;
    }

    /** Stops thread at its next check, for good: it was abandoned after ignoring an interrupt. */
    static void abandon(Thread thread) {
        abandoned.add(thread);
        pending = true;
    }

    /** Ends the pending interrupt, if any (a cell starts or ends). */
    public static void clear() {
        target = null;
        abandoned.removeIf(t -> !t.isAlive());
        pending = !abandoned.isEmpty();
    }

    /** Whether an interrupt is pending for the current thread. */
    public static boolean pending() {
        if (!pending) return false;
        Thread me = Thread.currentThread();
        return me == target || abandoned.contains(me);
    }

    public static void exit(int status) { throw new ExitCalled("System.exit", status); }

    public static void exit(Runtime runtime, int status) { throw new ExitCalled("Runtime.exit", status); }

    public static void halt(Runtime runtime, int status) { throw new ExitCalled("Runtime.halt", status); }

    // ---- reflection and method handles ----

    private static final MethodHandles.Lookup SELF = MethodHandles.lookup();
    private static final MethodType INT_VOID = MethodType.methodType(void.class, int.class);

    /**
     * Guard's stand-in for a method a cell must not reach unchecked, or null: exit and halt,
     * Method.invoke (it could call them), and the Lookup methods that make handles to them.
     * type is the method's own type, without a receiver.
     */
    private static MethodHandle standIn(Class<?> owner, String name, MethodType type, boolean isStatic) {
        String key = null;
        if (owner == System.class && isStatic && name.equals("exit") && type.equals(INT_VOID)) key = "exit";
        else if (owner == Runtime.class && !isStatic && (name.equals("exit") || name.equals("halt")) && type.equals(INT_VOID)) key = name;
        else if (owner == Method.class && !isStatic && name.equals("invoke")) key = "invoke";
        else if (owner == MethodHandles.Lookup.class && !isStatic && LOOKUPS.contains(name)) key = name;
        if (key == null) return null;
        MethodType own = isStatic ? type : type.insertParameterTypes(0, owner);
        try {
            return SELF.findStatic(Guard.class, key, own);
        } catch (ReflectiveOperationException e) {
            return null;   // a signature Guard has no stand-in for: not one of the dangerous ones
        }
    }

    private static final Set<String> LOOKUPS = Set.of("findStatic", "findVirtual", "findSpecial", "bind", "unreflect", "unreflectSpecial");

    private static MethodType typeOf(Method m) { return MethodType.methodType(m.getReturnType(), m.getParameterTypes()); }

    public static MethodHandle findStatic(MethodHandles.Lookup lookup, Class<?> owner, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        MethodHandle s = standIn(owner, name, type, true);
        return s != null ? s : lookup.findStatic(owner, name, type);
    }

    public static MethodHandle findVirtual(MethodHandles.Lookup lookup, Class<?> owner, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        MethodHandle s = standIn(owner, name, type, false);
        return s != null ? s : lookup.findVirtual(owner, name, type);
    }

    public static MethodHandle findSpecial(MethodHandles.Lookup lookup, Class<?> owner, String name, MethodType type, Class<?> caller)
            throws NoSuchMethodException, IllegalAccessException {
        MethodHandle s = standIn(owner, name, type, false);
        return s != null ? s : lookup.findSpecial(owner, name, type, caller);
    }

    public static MethodHandle bind(MethodHandles.Lookup lookup, Object receiver, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        MethodHandle s = receiver == null ? null : standIn(receiver.getClass(), name, type, false);
        return s != null ? s.bindTo(receiver) : lookup.bind(receiver, name, type);
    }

    public static MethodHandle unreflect(MethodHandles.Lookup lookup, Method m) throws IllegalAccessException {
        MethodHandle s = standIn(m.getDeclaringClass(), m.getName(), typeOf(m), Modifier.isStatic(m.getModifiers()));
        return s != null ? s : lookup.unreflect(m);
    }

    public static MethodHandle unreflectSpecial(MethodHandles.Lookup lookup, Method m, Class<?> caller) throws IllegalAccessException {
        MethodHandle s = standIn(m.getDeclaringClass(), m.getName(), typeOf(m), Modifier.isStatic(m.getModifiers()));
        return s != null ? s : lookup.unreflectSpecial(m, caller);
    }

    /** Method.invoke reached through a method handle (the cell's own calls go through {@link #reflective}). */
    public static Object invoke(Method m, Object obj, Object[] args) throws ReflectiveOperationException {
        Object[] call = reflective(m, obj, args);
        return ((Method) call[0]).invoke(call[1], (Object[]) call[2]);
    }

    /**
     * A cell's {@code m.invoke(obj, args)}: throws {@link ExitCalled} for exit and halt (also behind
     * Method.invoke of Method.invoke), and returns the call to make, {method, receiver, arguments}:
     * the same one, or Guard's stand-in for a Lookup method. The snippet class then makes the
     * call itself, so reflection's access checks still see the cell as the caller.
     */
    public static Object[] reflective(Method m, Object obj, Object[] args) {
        if (m == null) return new Object[] {m, obj, args};   // Method.invoke throws its own NullPointerException
        Class<?> owner = m.getDeclaringClass();
        boolean isStatic = Modifier.isStatic(m.getModifiers());
        MethodHandle s = standIn(owner, m.getName(), typeOf(m), isStatic);
        if (s == null) return new Object[] {m, obj, args};
        int status = args != null && args.length == 1 && args[0] instanceof Integer i ? i : 0;
        switch (m.getName()) {
            case "exit" -> throw new ExitCalled(owner == System.class ? "System.exit" : "Runtime.exit", status);
            case "halt" -> throw new ExitCalled("Runtime.halt", status);
            case "invoke" -> {
                if (obj instanceof Method inner && args != null && args.length == 2 && (args[1] == null || args[1] instanceof Object[])) {
                    Object[] innerCall = reflective(inner, args[0], (Object[]) args[1]);
                    return new Object[] {m, innerCall[0], new Object[] {innerCall[1], innerCall[2]}};
                }
                return new Object[] {m, obj, args};
            }
            default -> {
                // a Lookup method: call Guard's version, with the lookup as first argument
                Method g = null;
                for (Method c : Guard.class.getMethods()) {
                    if (c.getName().equals(m.getName()) && c.getParameterCount() == m.getParameterCount() + 1) g = c;
                }
                Object[] all = new Object[(args == null ? 0 : args.length) + 1];
                all[0] = obj;
                if (args != null) System.arraycopy(args, 0, all, 1, args.length);
                return g == null ? new Object[] {m, obj, args} : new Object[] {g, null, all};
            }
        }
    }
}

package org.jgrad.kernel.eval;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a snippet class so that a cell can be interrupted and cannot end the kernel:
 * <ul>
 * <li>a call to {@link Guard#check()} at the start of every method (recursion, and the cell's
 *     lambdas called from loops inside the JDK, e.g. {@code Stream.generate(() -> 1).forEach(…)})
 *     and before every jump to a label already seen (a backward branch: loops);</li>
 * <li>a method reference to code outside the cells ({@code Math::random}, {@code System::exit})
 *     is pointed at a bridge in the snippet class that checks first, then calls it;</li>
 * <li>System.exit / Runtime.exit / Runtime.halt become {@link Guard#exit} / {@link Guard#halt};
 *     {@code Method.invoke} goes through {@link Guard#reflective} (from a helper in the snippet
 *     class, so reflection still sees the cell as its caller), and the method-handle look-ups
 *     ({@code Lookup.findStatic} …) through Guard's versions, which hand out stand-ins for exit and halt.</li>
 * </ul>
 */
final class GuardTransformer {
    // from the class, not a string: the name follows the class when it moves
    private static final String GUARD = org.objectweb.asm.Type.getInternalName(Guard.class);
    /** JShell's package for every snippet class: code there is rewritten, so it checks by itself. */
    private static final String SNIPPET_PACKAGE = "REPL/";
    private static final String INVOKE_HELPER = "$jgrad$invoke";
    private static final String INVOKE_DESC = "(Ljava/lang/reflect/Method;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;";
    private static final String LOOKUP = "java/lang/invoke/MethodHandles$Lookup";
    private static final Set<String> LOOKUP_METHODS = Set.of("findStatic", "findVirtual", "findSpecial", "bind", "unreflect", "unreflectSpecial");
    private static final String LMF = "java/lang/invoke/LambdaMetafactory";
    private static final int FLAG_SERIALIZABLE = 1;   // LambdaMetafactory.FLAG_SERIALIZABLE

    private GuardTransformer() {}

    static byte[] transform(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new GuardClass(writer), 0);
        return writer.toByteArray();
    }

    private static final class GuardClass extends ClassVisitor {
        private String name;
        private boolean isInterface;
        private boolean needsInvokeHelper;
        /** implementation handle of a method reference → its bridge's name. */
        private final Map<Handle, String> bridges = new LinkedHashMap<>();

        GuardClass(ClassVisitor cv) { super(Opcodes.ASM9, cv); }

        @Override
        public void visit(int version, int access, String name, String sig, String superName, String[] itfs) {
            this.name = name;
            this.isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
            super.visit(version, access, name, sig, superName, itfs);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
            return new GuardMethod(super.visitMethod(access, name, desc, sig, ex), this);
        }

        /** The handle of this class's bridge to impl, made at visitEnd. */
        Handle bridge(Handle impl) {
            String bridgeName = bridges.computeIfAbsent(impl, h -> "$jgrad$bridge$" + bridges.size());
            return new Handle(Opcodes.H_INVOKESTATIC, name, bridgeName, bridgeDesc(impl), isInterface);
        }

        private static String bridgeDesc(Handle impl) {
            Type t = Type.getMethodType(impl.getDesc());
            Type owner = impl.getOwner().startsWith("[") ? Type.getType(impl.getOwner()) : Type.getObjectType(impl.getOwner());
            return switch (impl.getTag()) {
                case Opcodes.H_INVOKESTATIC -> impl.getDesc();
                case Opcodes.H_NEWINVOKESPECIAL -> Type.getMethodDescriptor(owner, t.getArgumentTypes());
                default -> {   // virtual or interface: the receiver becomes the first argument
                    Type[] args = new Type[t.getArgumentTypes().length + 1];
                    args[0] = owner;
                    System.arraycopy(t.getArgumentTypes(), 0, args, 1, args.length - 1);
                    yield Type.getMethodDescriptor(t.getReturnType(), args);
                }
            };
        }

        @Override
        public void visitEnd() {
            // bridges are written through GuardMethod too: they check on entry, and a bridge to
            // System.exit or Method.invoke is rewritten like a direct call
            for (Map.Entry<Handle, String> b : new LinkedHashMap<>(bridges).entrySet()) {
                Handle impl = b.getKey();
                String desc = bridgeDesc(impl);
                MethodVisitor mv = new GuardMethod(super.visitMethod(
                        Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, b.getValue(), desc, null, null), this);
                mv.visitCode();
                int stack = 0;
                if (impl.getTag() == Opcodes.H_NEWINVOKESPECIAL) {
                    mv.visitTypeInsn(Opcodes.NEW, impl.getOwner());
                    mv.visitInsn(Opcodes.DUP);
                    stack = 2;
                }
                int slot = 0;
                for (Type a : Type.getArgumentTypes(desc)) {
                    mv.visitVarInsn(a.getOpcode(Opcodes.ILOAD), slot);
                    slot += a.getSize();
                }
                int opcode = switch (impl.getTag()) {
                    case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
                    case Opcodes.H_INVOKEINTERFACE -> Opcodes.INVOKEINTERFACE;
                    case Opcodes.H_NEWINVOKESPECIAL -> Opcodes.INVOKESPECIAL;
                    default -> Opcodes.INVOKEVIRTUAL;
                };
                mv.visitMethodInsn(opcode, impl.getOwner(), impl.getName(), impl.getDesc(), impl.isInterface());
                Type ret = Type.getReturnType(desc);
                mv.visitInsn(ret.getOpcode(Opcodes.IRETURN));
                mv.visitMaxs(Math.max(stack + slot, ret.getSize()), slot);
                mv.visitEnd();
            }
            if (needsInvokeHelper) writeInvokeHelper();
            super.visitEnd();
        }

        /** {@code $jgrad$invoke(m, obj, args)}: {@code call = Guard.reflective(m, obj, args); return call[0].invoke(call[1], call[2]);} */
        private void writeInvokeHelper() {
            MethodVisitor mv = super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                    INVOKE_HELPER, INVOKE_DESC, null, null);
            mv.visitCode();
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitVarInsn(Opcodes.ALOAD, 2);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "reflective",
                    "(Ljava/lang/reflect/Method;Ljava/lang/Object;[Ljava/lang/Object;)[Ljava/lang/Object;", false);
            mv.visitVarInsn(Opcodes.ASTORE, 3);
            for (int i = 0; i < 3; i++) {
                mv.visitVarInsn(Opcodes.ALOAD, 3);
                mv.visitInsn(Opcodes.ICONST_0 + i);
                mv.visitInsn(Opcodes.AALOAD);
                if (i == 0) mv.visitTypeInsn(Opcodes.CHECKCAST, "java/lang/reflect/Method");
                if (i == 2) mv.visitTypeInsn(Opcodes.CHECKCAST, "[Ljava/lang/Object;");
            }
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/reflect/Method", "invoke",
                    "(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", false);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitMaxs(4, 4);
            mv.visitEnd();
        }
    }

    private static final class GuardMethod extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();
        private final GuardClass owner;

        GuardMethod(MethodVisitor mv, GuardClass owner) {
            super(Opcodes.ASM9, mv);
            this.owner = owner;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            // no stack needed; before super() in a constructor is fine (it does not touch `this`)
            super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "check", "()V", false);
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "check", "()V", false);
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
            if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && name.equals("exit") && desc.equals("(I)V")) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "exit", "(I)V", false);
                return;
            }
            if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
                    && (name.equals("exit") || name.equals("halt")) && desc.equals("(I)V")) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, name, "(Ljava/lang/Runtime;I)V", false);
                return;
            }
            if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/reflect/Method") && name.equals("invoke")) {
                this.owner.needsInvokeHelper = true;
                super.visitMethodInsn(Opcodes.INVOKESTATIC, this.owner.name, INVOKE_HELPER, INVOKE_DESC, this.owner.isInterface);
                return;
            }
            if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals(LOOKUP) && LOOKUP_METHODS.contains(name)) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, name, "(L" + LOOKUP + ";" + desc.substring(1), false);
                return;
            }
            super.visitMethodInsn(opcode, owner, name, desc, itf);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
            if (bsm.getOwner().equals(LMF) && args.length >= 3 && args[1] instanceof Handle impl
                    && !impl.getOwner().startsWith(SNIPPET_PACKAGE) && impl.getTag() != Opcodes.H_INVOKESPECIAL
                    && (bsm.getName().equals("metafactory")
                        || (bsm.getName().equals("altMetafactory") && args.length >= 4 && args[3] instanceof Integer f
                            && (f & FLAG_SERIALIZABLE) == 0))) {
                Object[] bridged = args.clone();
                bridged[1] = owner.bridge(impl);
                super.visitInvokeDynamicInsn(name, desc, bsm, bridged);
                return;
            }
            super.visitInvokeDynamicInsn(name, desc, bsm, args);
        }
    }
}

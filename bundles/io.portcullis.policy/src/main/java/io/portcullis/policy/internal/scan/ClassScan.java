package io.portcullis.policy.internal.scan;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads one class and reports its capability uses: member references in {@code invoke*}, field
 * instructions, method handles ({@code Socket::new} compiles to a {@code Handle} in an
 * {@code invokedynamic} bootstrap argument, or an {@code ldc}), {@code Unsafe} type references,
 * {@code native} methods and class names that are not constants.
 *
 * <p>A subclass of a JDK class loader needs no rule of its own: its constructor's {@code super(...)}
 * is an {@code invokespecial} of {@code ClassLoader.<init>} and is reported as such.
 */
final class ClassScan extends ClassVisitor {

    private final String source;
    private final Consumer<Finding> sink;
    private String className = "";

    ClassScan(String source, Consumer<Finding> sink) {
        super(Opcodes.ASM9);
        this.source = source;
        this.sink = sink;
    }

    @Override
    public void visit(
            int version,
            int access,
            String name,
            @Nullable String signature,
            @Nullable String superName,
            String @Nullable [] interfaces) {
        className = Type.getObjectType(name).getClassName();
    }

    @Override
    public MethodVisitor visitMethod(
            int access, String name, String descriptor, @Nullable String signature, String @Nullable [] exceptions) {
        String method = name + descriptor;
        if ((access & Opcodes.ACC_NATIVE) != 0) {
            report(method, className + "." + name, Capability.NATIVE_METHOD);
        }
        return new MethodScan(this, method);
    }

    /** A reference to {@code owner.name} from {@code method}; {@code constantName} only matters for class loading. */
    void member(String method, String owner, String name, String descriptor, boolean constantName) {
        if (!constantName && CallRules.loadsClassByName(owner, name, descriptor)) {
            report(method, dotted(owner) + "." + name, Capability.DYNAMIC_CLASS_NAME);
        }
        Capability used = CallRules.member(owner, name, descriptor);
        if (used != null) {
            report(method, dotted(owner) + "." + name, used);
        }
    }

    /** A bare type reference; arrays count as their element type. */
    void type(String method, Type type) {
        Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        if (element.getSort() == Type.OBJECT) {
            Capability used = CallRules.type(element.getInternalName());
            if (used != null) {
                report(method, element.getClassName() + ".class", used);
            }
        }
    }

    /** A constant: handles and dynamic constants are checked, {@code Class} literals as type references. */
    void constant(String method, Object value) {
        if (value instanceof Handle handle) {
            // A method reference never proves its class-name argument constant.
            member(method, handle.getOwner(), handle.getName(), handle.getDesc(), false);
        } else if (value instanceof Type type && type.getSort() != Type.METHOD) {
            type(method, type);
        } else if (value instanceof ConstantDynamic dynamic) {
            constant(method, dynamic.getBootstrapMethod());
            for (int i = 0; i < dynamic.getBootstrapMethodArgumentCount(); i++) {
                constant(method, dynamic.getBootstrapMethodArgument(i));
            }
        }
    }

    private void report(String method, String call, Capability used) {
        sink.accept(new Finding(source, className, method, call, used.id(), used.scope()));
    }

    private static String dotted(String internalName) {
        return Type.getObjectType(internalName).getClassName();
    }
}

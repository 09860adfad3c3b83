package io.portcullis.policy.internal.scan;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Walks one method's instructions for {@link ClassScan}, keeping the {@link StackHistory} that decides
 * whether a class name passed to {@code Class.forName} is a constant.
 */
final class MethodScan extends MethodVisitor {

    private final ClassScan owner;
    private final String method;
    private final StackHistory history = new StackHistory();

    MethodScan(ClassScan owner, String method) {
        super(ASM9);
        this.owner = owner;
        this.method = method;
    }

    @Override
    public void visitMethodInsn(int opcode, String ownerName, String name, String descriptor, boolean isInterface) {
        Type[] arguments = Type.getArgumentTypes(descriptor);
        boolean constantName = !CallRules.loadsClassByName(ownerName, name, descriptor)
                || history.isStringConstant(argumentsAfterName(arguments));
        owner.member(method, ownerName, name, descriptor, constantName);
        int receiver = opcode == INVOKESTATIC ? 0 : 1;
        history.record(arguments.length + receiver, returns(descriptor), false);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        owner.constant(method, bootstrap);
        for (Object argument : arguments) {
            owner.constant(method, argument);
        }
        history.record(Type.getArgumentTypes(descriptor).length, returns(descriptor), false);
    }

    @Override
    public void visitFieldInsn(int opcode, String ownerName, String name, String descriptor) {
        owner.member(method, ownerName, name, descriptor, true);
        switch (opcode) {
            case GETSTATIC -> history.record(0, 1, false);
            case GETFIELD -> history.record(1, 1, false);
            default -> history.barrier();
        }
    }

    @Override
    public void visitLdcInsn(Object value) {
        owner.constant(method, value);
        history.record(0, 1, value instanceof String);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        owner.type(method, Type.getObjectType(type));
        if (opcode == NEW) {
            history.record(0, 1, false);
        } else {
            history.record(1, 1, false); // CHECKCAST, INSTANCEOF, ANEWARRAY
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= ACONST_NULL && opcode <= DCONST_1) {
            history.record(0, 1, false);
        } else if (opcode == DUP) {
            history.record(1, 2, false);
        } else if (opcode == POP) {
            history.record(1, 0, false);
        } else {
            history.barrier();
        }
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        history.record(opcode == NEWARRAY ? 1 : 0, 1, false); // BIPUSH, SIPUSH push; NEWARRAY pops a length
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        if (opcode >= ILOAD && opcode <= ALOAD) {
            history.record(0, 1, false);
        } else {
            history.barrier();
        }
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        history.record(0, 0, false);
    }

    @Override
    public void visitLabel(Label label) {
        history.barrier(); // with SKIP_DEBUG, a label is a jump or handler target: another path may join here
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        history.barrier();
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        history.barrier();
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        history.barrier();
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        owner.type(method, Type.getType(descriptor));
        history.barrier();
    }

    /** How many arguments follow the first {@code String} one (the class name); 0 when there is none. */
    private static int argumentsAfterName(Type[] arguments) {
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i].getDescriptor().equals("Ljava/lang/String;")) {
                return arguments.length - 1 - i;
            }
        }
        return 0;
    }

    private static int returns(String descriptor) {
        return Type.getReturnType(descriptor).getSort() == Type.VOID ? 0 : 1;
    }
}

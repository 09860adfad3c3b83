package io.portcullis.policy.internal.scan;

/**
 * The stack effects of the last few instructions of one method, to tell whether a class-name argument
 * is a string constant ({@code Class.forName("org.h2.Driver")}) or computed.
 *
 * <p>The heuristic, deliberately conservative: at the call, walk back over the instructions that push
 * the arguments after the name (for {@code forName(String, boolean, ClassLoader)} the boolean and the
 * loader, however they are computed, as long as it is straight-line code), counting values pushed and
 * popped; the instruction that pushed the name must be an {@code ldc} of a {@code String}. Anything
 * the walk cannot model — a jump target (label), a branch, a store, {@code dup2}, a value produced by an
 * instruction that pushes several, the start of the method, more than {@value #SIZE} instructions —
 * counts as computed, so it is a finding. {@code c ? "a" : "b"} is therefore reported although both
 * names are constant; the report lets an administrator judge that.
 */
final class StackHistory {

    static final int SIZE = 32;

    private static final int BARRIER = -1;

    private final int[] pops = new int[SIZE];
    private final int[] pushes = new int[SIZE];
    private final boolean[] stringConstant = new boolean[SIZE];
    private int recorded;

    /** Records an instruction that pops {@code popped} values and pushes {@code pushed}. */
    void record(int popped, int pushed, boolean isStringConstant) {
        int slot = recorded++ % SIZE;
        pops[slot] = popped;
        pushes[slot] = pushed;
        stringConstant[slot] = isStringConstant;
    }

    /** Records an instruction or label the walk must not cross. */
    void barrier() {
        record(BARRIER, BARRIER, false);
    }

    /**
     * True when the value with {@code above} values on top of it (the arguments after it) was pushed
     * by an {@code ldc} of a string, in straight-line code.
     */
    boolean isStringConstant(int above) {
        int need = above;
        for (int back = 1; back <= Math.min(recorded, SIZE); back++) {
            int slot = (recorded - back) % SIZE;
            if (pops[slot] == BARRIER) {
                return false;
            }
            if (need == 0 && pushes[slot] > 0) {
                return pushes[slot] == 1 && stringConstant[slot];
            }
            need = need - pushes[slot];
            if (need < 0) {
                return false; // the name came out of an instruction that pushed several values
            }
            need += pops[slot];
        }
        return false;
    }
}

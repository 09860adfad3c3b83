package io.portcullis.tools.testing;

import io.portcullis.tenancy.Membership;
import io.portcullis.tenancy.Role;
import java.sql.Connection;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Members' roles as tenancy would report them: operator unless set; a removed member has none. A
 * member can also be given a sequence of answers, one per question, the last repeated: a demotion
 * that lands between two questions.
 */
public final class FakeMembership implements Membership {

    private final Map<String, Deque<Optional<Role>>> roles = new ConcurrentHashMap<>();

    public void set(String memberId, @Nullable Role role) {
        answers(memberId, role);
    }

    /** Answers {@code first}, then {@code later} from then on. */
    public void answers(String memberId, @Nullable Role... answers) {
        Deque<Optional<Role>> queue = new ArrayDeque<>();
        for (Role role : answers) {
            queue.add(Optional.ofNullable(role));
        }
        roles.put(memberId, queue);
    }

    @Override
    public synchronized Optional<Role> lockedRole(
            Connection connection, String workspaceId, String memberId, @Nullable String keyId) {
        Deque<Optional<Role>> queue = roles.get(memberId);
        if (queue == null) {
            return Optional.of(Role.OPERATOR);
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }
}

package io.portcullis.tenancy.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.portcullis.audit.AuditLog;
import io.portcullis.store.Database;
import io.portcullis.tenancy.Role;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import io.portcullis.web.RouteProvider;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The external subject a JWT maps to a member: read, bind ({@code PUT {"subject": ...}}, 409 when
 * another member holds it) and unbind. A route of its own, beside the member routes. Binding and
 * unbinding are put on the record first (see {@link AuditTrail}).
 */
@Component(service = RouteProvider.class)
public final class MemberSubjectRoutes implements RouteProvider {

    static final String PATH = MemberRoutes.BASE + "/{id}/subject";

    private final MemberSubjects subjects;
    private final AuditTrail trail;

    @Activate
    public MemberSubjectRoutes(
            @Reference(target = "(portcullis.schema=tenancy)") Database database, @Reference AuditLog audit) {
        this(new MemberSubjects(database), audit);
    }

    MemberSubjectRoutes(MemberSubjects subjects, AuditLog audit) {
        this.subjects = subjects;
        this.trail = new AuditTrail(audit);
    }

    /** The body of a PUT; the problem names the field, never the value. */
    record SubjectBody(String subject) {

        SubjectBody(@Nullable String subject) {
            if (subject == null || !MemberSubjects.valid(subject)) {
                throw ProblemException.badRequest("Field 'subject' must be 1.." + MemberSubjects.MAX_LENGTH
                        + " characters, without control characters or surrounding white space.");
            }
            this.subject = subject;
        }
    }

    /** The response: the member's id and its subject, null when unbound. */
    record SubjectView(
            String id,
            @JsonProperty("external_subject") @Nullable String externalSubject) {

        static SubjectView of(MemberSubjects.Binding binding) {
            return new SubjectView(binding.memberId(), binding.subject());
        }
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get(PATH, this::get)
                        .requires("workspace:{ws}:members:read")
                        .summary("Read the external (JWT) subject bound to a member")
                        .response(SubjectView.class),
                Route.put(PATH, this::set)
                        .requires("workspace:{ws}:members:write")
                        .summary("Bind an external (JWT) subject to a member")
                        .request(SubjectBody.class)
                        .response(SubjectView.class)
                        .problems(409),
                Route.delete(PATH, this::clear)
                        .requires("workspace:{ws}:members:write")
                        .summary("Unbind a member's external subject"));
    }

    ApiResponse get(ApiRequest request) throws SQLException {
        return ApiResponse.ok(SubjectView.of(subjects.get(request.callerWorkspace(), Callers.id(request, "id"))));
    }

    ApiResponse set(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String memberId = Callers.id(request, "id");
        SubjectBody body = request.body(SubjectBody.class);
        request.requireNotSecret("subject", body.subject()); // shown in views and audit records
        AuditTrail.Attempt attempt = MemberRoutes.attempt(
                request, workspaceId, "member.subject_bind", memberId, AuditArguments.of("subject", body.subject()));
        Role role = trail.checked(attempt, () -> Callers.role(request));
        return ApiResponse.ok(SubjectView.of(
                trail.run(attempt, record -> subjects.set(workspaceId, memberId, body.subject(), role, record))));
    }

    ApiResponse clear(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String memberId = Callers.id(request, "id");
        AuditTrail.Attempt attempt =
                MemberRoutes.attempt(request, workspaceId, "member.subject_unbind", memberId, null);
        Role role = trail.checked(attempt, () -> Callers.role(request));
        trail.run(attempt, record -> subjects.clear(workspaceId, memberId, role, record));
        return ApiResponse.noContent();
    }
}

package io.portcullis.audit.internal.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import io.portcullis.web.AuditedRequest;
import io.portcullis.web.Caller;
import io.portcullis.web.testing.TestCaller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@link RequestRecorder} puts on the record for each kind of request, against a fake log. */
class RequestRecorderTest {

    /** Keeps every appended event; fails every append once {@code down}. */
    static final class FakeLog implements AuditLog {
        final List<AuditEvent> appended = new ArrayList<>();
        boolean down;

        @Override
        public AuditRecord append(AuditEvent e) throws AuditUnavailableException {
            if (down) {
                throw new AuditUnavailableException("the writer is behind");
            }
            appended.add(e);
            return new AuditRecord(
                    e.workspaceId() == null ? AuditRecord.PLATFORM_CHAIN : e.workspaceId(),
                    appended.size(),
                    Instant.EPOCH,
                    e.workspaceId(),
                    e.actor(),
                    e.action(),
                    e.target(),
                    e.decision(),
                    e.reasonCode(),
                    e.reasonText(),
                    null,
                    e.resultStatus(),
                    e.latencyMillis(),
                    e.requestId(),
                    AuditRecord.GENESIS,
                    AuditRecord.GENESIS);
        }

        @Override
        public boolean writable() {
            return !down;
        }

        AuditEvent only() {
            assertThat(appended).hasSize(1);
            return appended.get(0);
        }
    }

    /** A member signed in with a token that has no id of its own. */
    record MemberCaller(String memberId) implements Caller {
        @Override
        public String id() {
            return "jwt:" + memberId;
        }

        @Override
        public Optional<String> workspaceId() {
            return Optional.of("ws1");
        }

        @Override
        public String rateClass() {
            return "viewer";
        }

        @Override
        public boolean isPermitted(String permission) {
            return false;
        }

        @Override
        public String kind() {
            return Actor.MEMBER;
        }

        @Override
        public String principalId() {
            return memberId;
        }

        @Override
        public Optional<String> credentialId() {
            return Optional.empty();
        }
    }

    /** A caller of an authenticator that says nothing beyond the web API's essentials. */
    record PlainCaller(String id) implements Caller {
        @Override
        public Optional<String> workspaceId() {
            return Optional.of("ws9");
        }

        @Override
        public String rateClass() {
            return "owner";
        }

        @Override
        public boolean isPermitted(String permission) {
            return false;
        }
    }

    private final FakeLog log = new FakeLog();
    private final RequestRecorder recorder = new RequestRecorder(log);

    private static AuditedRequest request(
            String method, String route, int status, @Nullable Caller caller, boolean authenticationFailed) {
        return new AuditedRequest(method, route, status, 17, caller, "req-1", "192.0.2.7", authenticationFailed);
    }

    @Test
    void aWorkspaceCallersRequestIsOnItsWorkspacesChain() throws Exception {
        recorder.record(request("GET", "/api/v1/workspaces/{ws}/members", 200, new TestCaller("key-1", "ws1"), false));

        AuditEvent event = log.only();
        assertThat(event.workspaceId()).isEqualTo("ws1");
        assertThat(event.actor()).isEqualTo(new Actor(Actor.API_KEY, "key-1", "key-1"));
        assertThat(event.action()).isEqualTo("http.request");
        assertThat(event.target()).isEqualTo("GET /api/v1/workspaces/{ws}/members");
        assertThat(event.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(event.reasonCode()).isNull();
        assertThat(event.resultStatus()).isEqualTo(200);
        assertThat(event.latencyMillis()).isEqualTo(17L);
        assertThat(event.requestId()).isEqualTo("req-1");
        assertThat(event.arguments()).isNull();
    }

    @Test
    void thePlatformAdministratorIsOnThePlatformChain() throws Exception {
        recorder.record(request("POST", "/api/v1/workspaces", 201, new TestCaller("key-root", null), false));

        AuditEvent event = log.only();
        assertThat(event.workspaceId()).isNull();
        assertThat(event.actor()).isEqualTo(new Actor(Actor.PLATFORM, "key-root", "key-root"));
        assertThat(event.decision()).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void aMemberIsRecordedByMemberIdWithoutACredentialId() throws Exception {
        recorder.record(request("DELETE", "/api/v1/workspaces/{ws}/keys/{id}", 403, new MemberCaller("m-7"), false));

        AuditEvent event = log.only();
        assertThat(event.workspaceId()).isEqualTo("ws1");
        assertThat(event.actor()).isEqualTo(new Actor(Actor.MEMBER, "m-7", null));
        assertThat(event.decision()).isEqualTo(Decision.DENIED);
        assertThat(event.reasonCode()).isEqualTo("forbidden");
    }

    @Test
    void aCallerThatSaysNothingMoreIsKnownByItsId() throws Exception {
        recorder.record(request("GET", "/api/v1/me", 200, new PlainCaller("c-1"), false));

        assertThat(log.only().actor()).isEqualTo(new Actor("unknown", "c-1", "c-1"));
        assertThat(log.only().workspaceId()).isEqualTo("ws9");
    }

    @Test
    void aRequestWithoutCallerIsTheAddresssOnThePlatformChain() throws Exception {
        recorder.record(request("GET", AuditedRequest.UNMATCHED, 404, null, false));

        AuditEvent event = log.only();
        assertThat(event.workspaceId()).isNull();
        assertThat(event.actor()).isEqualTo(new Actor(Actor.ANONYMOUS, "address:192.0.2.7", null));
        assertThat(event.action()).isEqualTo("http.request");
        assertThat(event.target()).isEqualTo("GET unmatched");
        assertThat(event.decision()).isEqualTo(Decision.DENIED);
        assertThat(event.reasonCode()).isEqualTo("not_found");
    }

    @Test
    void anAuthenticationFailureIsAnAuthFailureOfTheAddressOnThePlatformChain() throws Exception {
        recorder.record(request("GET", "/api/v1/workspaces/{ws}/members", 401, null, true));
        recorder.record(request("GET", "/api/v1/me", 429, null, true));

        assertThat(log.appended).allSatisfy(event -> {
            assertThat(event.workspaceId()).isNull();
            assertThat(event.actor()).isEqualTo(new Actor(Actor.ANONYMOUS, "address:192.0.2.7", null));
            assertThat(event.action()).isEqualTo("auth.failure");
            assertThat(event.decision()).isEqualTo(Decision.DENIED);
        });
        assertThat(log.appended)
                .extracting(AuditEvent::target)
                .containsExactly("GET /api/v1/workspaces/{ws}/members", "GET /api/v1/me");
        assertThat(log.appended)
                .extracting(AuditEvent::reasonCode)
                .containsExactly("unauthorized", "too_many_requests");
    }

    @ParameterizedTest
    @CsvSource({
        "200, ALLOWED,",
        "204, ALLOWED,",
        "304, ALLOWED,",
        "400, DENIED, bad_request",
        "401, DENIED, unauthorized",
        "403, DENIED, forbidden",
        "404, DENIED, not_found",
        "405, DENIED, method_not_allowed",
        "409, DENIED, conflict",
        "413, DENIED, payload_too_large",
        "415, DENIED, unsupported_media_type",
        "422, DENIED, unprocessable_content",
        "429, DENIED, too_many_requests",
        "418, DENIED, client_error",
        "500, ERROR, internal_error",
        "503, ERROR, service_unavailable",
        "599, ERROR, server_error"
    })
    void theStatusGivesTheDecisionAndReasonCode(int status, Decision decision, @Nullable String reasonCode)
            throws Exception {
        recorder.record(request("PUT", "/api/v1/things/{id}", status, new TestCaller("key-1", "ws1"), false));

        AuditEvent event = log.only();
        assertThat(event.decision()).isEqualTo(decision);
        assertThat(event.reasonCode()).isEqualTo(reasonCode);
        assertThat(event.resultStatus()).isEqualTo(status);
        assertThat(event.action()).isEqualTo("http.request");
    }

    @Test
    void anUnavailableLogReachesTheWebLayer() {
        log.down = true;

        assertThatThrownBy(() -> recorder.record(request("GET", "/api/v1/me", 200, new PlainCaller("c-1"), false)))
                .isInstanceOf(AuditUnavailableException.class);
    }
}

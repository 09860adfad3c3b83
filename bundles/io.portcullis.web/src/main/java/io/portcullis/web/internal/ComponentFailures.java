package io.portcullis.web.internal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Why a component configured by a PID failed to activate, in the component's own words: the message
 * of the innermost cause Declarative Services recorded (a constructor's "maxResponseBytes must be
 * 1..67108864, was -5"), on one line.
 */
final class ComponentFailures {

    private static final String CAUSED_BY = "Caused by: ";

    private final ServiceComponentRuntime runtime;

    ComponentFailures(ServiceComponentRuntime runtime) {
        this.runtime = runtime;
    }

    @Nullable String of(String pid) {
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
            if (description.configurationPid == null
                    || !Arrays.asList(description.configurationPid).contains(pid)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    return reason(configuration.failure);
                }
            }
        }
        return null;
    }

    /** The last "Caused by: type: message" of a stack trace, without the type; else its first line. */
    static String reason(@Nullable String failure) {
        if (failure == null || failure.isBlank()) {
            return "the component failed to activate";
        }
        String reason = failure.lines().findFirst().orElse(failure);
        for (String line : failure.lines().toList()) {
            if (line.startsWith(CAUSED_BY)) {
                reason = line.substring(CAUSED_BY.length());
            }
        }
        int colon = reason.indexOf(": ");
        String message = colon > 0 && !reason.substring(0, colon).contains(" ") ? reason.substring(colon + 2) : reason;
        return message.replaceAll("\\p{Cntrl}", " ").strip();
    }
}

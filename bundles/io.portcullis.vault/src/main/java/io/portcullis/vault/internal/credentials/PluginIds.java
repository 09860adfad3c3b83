package io.portcullis.vault.internal.credentials;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Plugin ids are bundle symbolic names ({@code io.portcullis.tool.http}): checked before any query,
 * so that nothing else is ever stored as, or compared with, a binding.
 */
final class PluginIds {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");

    private PluginIds() {}

    static boolean valid(@Nullable String pluginId) {
        return pluginId != null && FORMAT.matcher(pluginId).matches();
    }
}

package io.portcullis.policy.internal.plugins;

import java.util.regex.Pattern;

/** A plugin id is its bundle's symbolic name: 1 to 255 letters, digits, dots, hyphens and
 * underscores, not starting with a dot or hyphen. */
public final class PluginIds {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");

    private PluginIds() {}

    public static boolean valid(String id) {
        return ID.matcher(id).matches();
    }
}

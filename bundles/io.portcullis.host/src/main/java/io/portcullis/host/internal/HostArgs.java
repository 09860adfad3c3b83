package io.portcullis.host.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The host's command line: {@code <pluginJar> <pluginId> [<scope,scope,...>]}.
 *
 * @param scopes the scopes granted to the plugin, each a lower-case dotted name
 */
public record HostArgs(Path pluginJar, String pluginId, List<String> scopes) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

    public HostArgs {
        scopes = List.copyOf(scopes);
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static HostArgs parse(String[] args) {
        if (args.length < 2 || args.length > 3) {
            throw new IllegalArgumentException("usage: HostMain <pluginJar> <pluginId> [<scope,scope,...>]");
        }
        Path jar = Path.of(args[0]);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("plugin jar " + args[0] + " is not a file");
        }
        if (!NAME.matcher(args[1].toLowerCase(java.util.Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("plugin id must be a dotted name, was '" + args[1] + "'");
        }
        List<String> scopes = new ArrayList<>();
        if (args.length == 3 && !args[2].isBlank()) {
            for (String scope : args[2].split(",")) {
                if (!NAME.matcher(scope.trim()).matches()) {
                    throw new IllegalArgumentException("scope must be a lower-case dotted name, was '" + scope + "'");
                }
                scopes.add(scope.trim());
            }
        }
        return new HostArgs(jar, args[1], scopes);
    }

    /** {@code org.osgi.framework.system.capabilities.extra}: one scope capability per granted scope. */
    public String capabilities() {
        List<String> clauses = new ArrayList<>();
        for (String scope : scopes) {
            clauses.add("io.portcullis.scope;io.portcullis.scope=\"" + scope + "\"");
        }
        return String.join(",", clauses);
    }
}

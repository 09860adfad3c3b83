package io.portcullis.hosts.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a JDK needs to run inside an empty sandbox, read-only: its real home, the folders of the shared
 * libraries it links ({@code /usr/lib/<triplet>}, {@code /usr/lib64}), and the targets of the symbolic
 * links in its {@code conf} and {@code lib} folders that leave the JDK (Debian keeps its configuration
 * in {@code /etc/java-17-openjdk}; without it {@code MessageDigest} and {@code SecureRandom} fail).
 * Never {@code /usr/bin}, {@code /etc} as a whole or any folder of the server.
 *
 * @param home the JDK's real home
 * @param libraries the shared-library folders, bound at the same place
 * @param linkTargets the folders or files outside the JDK its links point to, bound at the same place
 */
record JdkFiles(Path home, List<Path> libraries, List<Path> linkTargets) {

    static JdkFiles of(Path javaHome) throws IOException {
        Path home = javaHome.toRealPath();
        List<Path> libraries = libraries(Path.of("/usr/lib"), Path.of("/usr/lib64"));
        Set<Path> targets = new TreeSet<>();
        for (String folder : List.of("conf", "lib")) {
            Path dir = home.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir, 6)) {
                walk.filter(Files::isSymbolicLink).forEach(link -> target(home, libraries, link, targets));
            }
        }
        return new JdkFiles(home, libraries, List.copyOf(targets));
    }

    static List<Path> libraries(Path usrLib, Path usrLib64) throws IOException {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(usrLib)) {
            try (Stream<Path> children = Files.list(usrLib)) {
                children.filter(p -> p.getFileName().toString().contains("-linux-gnu"))
                        .filter(Files::isDirectory)
                        .sorted()
                        .forEach(found::add);
            }
            if (found.isEmpty()) {
                found.add(usrLib); // no multiarch layout: the libraries are in /usr/lib itself
            }
        }
        if (Files.isDirectory(usrLib64)) {
            found.add(usrLib64);
        }
        return List.copyOf(found);
    }

    private static void target(Path home, List<Path> libraries, Path link, Set<Path> targets) {
        Path real;
        try {
            real = link.toRealPath();
        } catch (IOException e) {
            return; // dangling (such as src.zip): nothing to bind
        }
        if (real.startsWith(home) || libraries.stream().anyMatch(real::startsWith)) {
            return;
        }
        // A JDK's own configuration folder (/etc/java-17-openjdk) as a whole; anything else, such as
        // /etc/ssl/certs/java/cacerts, only the file: /etc/ssl also holds private keys.
        if (real.getNameCount() >= 2
                && real.getName(0).toString().equals("etc")
                && real.getName(1).toString().contains("java")) {
            targets.add(real.getRoot().resolve(real.subpath(0, 2)));
        } else {
            targets.add(real);
        }
    }
}

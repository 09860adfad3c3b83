package io.portcullis.policy.internal.scan.samples;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What an ordinary tool does: strings, collections, lambdas, paths as values. No finding. */
public class CleanTool {

    private final Map<String, Integer> counts = new java.util.HashMap<>();

    String run(List<String> words) {
        words.forEach(w -> counts.merge(w, 1, Integer::sum));
        return words.stream().map(String::toUpperCase).sorted().collect(Collectors.joining(","));
    }

    Path where(String name) {
        return Path.of("out").resolve(name).normalize();
    }

    String fileName(String dir) {
        return new File(dir, "x.txt").getName();
    }

    Class<?> type() {
        return String.class;
    }
}

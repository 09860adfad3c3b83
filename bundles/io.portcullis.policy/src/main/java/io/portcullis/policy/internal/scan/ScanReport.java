package io.portcullis.policy.internal.scan;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a scan of one plugin jar found.
 *
 * @param findings every finding, sorted by source, class, method and call, without duplicates
 * @param classesScanned how many class files were read, embedded jars included
 */
public record ScanReport(List<Finding> findings, int classesScanned) {

    public ScanReport {
        findings = List.copyOf(findings);
    }

    /** The findings no grant can allow. */
    public List<Finding> neverGrantable() {
        return findings.stream().filter(Finding::neverGrantable).toList();
    }

    /** The grantable findings whose scope is not in {@code declared}. */
    public List<Finding> undeclared(Set<String> declared) {
        return findings.stream()
                .filter(f -> f.scope() != null && !declared.contains(f.scope()))
                .toList();
    }

    /** The scopes the findings need, sorted. */
    public Set<String> scopesNeeded() {
        Set<String> scopes = new TreeSet<>();
        findings.stream().filter(f -> f.scope() != null).forEach(f -> scopes.add(f.scope()));
        return scopes;
    }
}

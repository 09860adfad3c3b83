package io.portcullis.policy.internal.plugins;

/** What the scope catalogue tells the gate about a scope name. */
public interface ScopeRules {

    boolean known(String scope);

    /** Known and grantable here ({@code net.raw} is not, unless configured). */
    boolean grantable(String scope);
}

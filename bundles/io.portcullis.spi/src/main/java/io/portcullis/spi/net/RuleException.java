package io.portcullis.spi.net;

/**
 * A rule entry refused by {@link EgressRuleSyntax} or {@link PrivateEndpoint}: which list, which entry,
 * and the rule it breaks, so each caller can phrase it in its own terms (a 400 naming the JSON field,
 * a configuration error naming the property).
 */
public final class RuleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final int index;
    private final String rule;

    public RuleException(String field, int index, String entry, String rule) {
        super(index < 0 ? field + " " + rule : field + " entry " + index + " ('" + shown(entry) + "') " + rule);
        this.field = field;
        this.index = index;
        this.rule = rule;
    }

    /** The list, as the caller named it. */
    public String field() {
        return field;
    }

    /** The entry's position in the list, from 0; -1 for the list as a whole. */
    public int index() {
        return index;
    }

    /** What is wrong, a phrase that follows the entry ("must be a network such as ..."). */
    public String rule() {
        return rule;
    }

    static String shown(String entry) {
        return entry.length() > 80 ? entry.substring(0, 80) + "..." : entry;
    }
}

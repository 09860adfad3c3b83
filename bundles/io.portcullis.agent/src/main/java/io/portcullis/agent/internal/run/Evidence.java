package io.portcullis.agent.internal.run;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a run's model read that nobody in the workspace vouches for, as evidence for the tool invoker
 * and its approvers: an index of the 8-grams of the untrusted texts, against which a call's string
 * arguments of 6 or more characters are matched (a text of 6 or 7 characters must occur whole; a
 * longer one matches when at least half of its 8-grams occur), and the URLs, e-mail addresses and
 * hosts those texts name. Texts are compared NFKC-normalised, lower case, invisible characters
 * stripped and white space collapsed. Evidence only: a paraphrase escapes it, the label does not.
 */
final class Evidence {

    static final int GRAM = 8;
    static final int MIN_ARGUMENT = 6;
    private static final int MAX_HOSTS = 32;
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp)://([a-z0-9.-]+)[^\\s\"'<>)\\]]*");
    private static final Pattern EMAIL =
            Pattern.compile("(?i)\\b[a-z0-9._%+-]+@([a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,})\\b");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private final List<String> texts = new ArrayList<>();
    private final Set<String> grams = new HashSet<>();
    private final Set<String> hosts = new LinkedHashSet<>();

    /** Adds one untrusted text the model read. */
    void add(String text) {
        String normal = normal(text);
        texts.add(normal);
        for (int i = 0; i + GRAM <= normal.length(); i++) {
            grams.add(normal.substring(i, i + GRAM));
        }
        String visible = Normalizer.normalize(Envelope.strip(text), Normalizer.Form.NFKC);
        collect(URL.matcher(visible));
        collect(EMAIL.matcher(visible));
    }

    /** URLs, e-mail addresses and their hosts, in the order first seen (at most 32). */
    List<String> hosts() {
        return List.copyOf(hosts);
    }

    /**
     * The names of the arguments whose string values occur in the untrusted texts; a nested value is
     * named by its path ({@code to.address}, {@code items[2]}).
     */
    List<String> matchedArguments(Map<String, @Nullable Object> arguments) {
        List<String> matched = new ArrayList<>();
        for (Map.Entry<String, @Nullable Object> argument : arguments.entrySet()) {
            walk(argument.getKey(), argument.getValue(), matched);
        }
        return matched;
    }

    private void walk(String name, @Nullable Object value, List<String> matched) {
        if (value instanceof String text) {
            if (occurs(text)) {
                matched.add(name);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                walk(name + "." + entry.getKey(), entry.getValue(), matched);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(name + "[" + i + "]", list.get(i), matched);
            }
        }
    }

    /** Whether {@code value} (at least 6 characters) also stands in the untrusted texts. */
    boolean occurs(String value) {
        String normal = normal(value);
        if (normal.length() < MIN_ARGUMENT) {
            return false;
        }
        if (normal.length() < GRAM) {
            return texts.stream().anyMatch(text -> text.contains(normal));
        }
        int total = normal.length() - GRAM + 1;
        int found = 0;
        for (int i = 0; i < total; i++) {
            if (grams.contains(normal.substring(i, i + GRAM))) {
                found++;
            }
        }
        return found * 2 >= total;
    }

    private void collect(Matcher matcher) {
        while (matcher.find() && hosts.size() < MAX_HOSTS) {
            hosts.add(matcher.group());
            if (hosts.size() < MAX_HOSTS) {
                hosts.add(matcher.group(1).toLowerCase(Locale.ROOT));
            }
        }
    }

    private static String normal(String text) {
        String normal = Normalizer.normalize(Envelope.strip(text), Normalizer.Form.NFKC);
        return SPACE.matcher(normal.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }
}

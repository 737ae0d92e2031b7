package io.synapsedb.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code corpus/adversarial.sql}: entries of steps, each a statement with its expected
 * outcome, optional bound values and message checks. The format is described at the top of the
 * file.
 */
final class AdversarialCorpus {

    static final String RESOURCE = "/corpus/adversarial.sql";
    /** A 63-byte table name: PostgreSQL truncates longer identifiers to it. */
    static final String LONGNAME = "longtable_" + "x".repeat(53);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(NUL|CR|LF|VT|LONGNAME|U\\+[0-9A-Fa-f]{4}"
            + "|REPEAT:(\\d+):([^}]*))}");

    /** How a step must end. */
    enum Outcome { OK, REFUSED, ERROR, ANY }

    /**
     * One statement of an entry.
     *
     * @param sql the statement, placeholders replaced
     * @param params bound values, or {@code null} for a plain statement
     * @param outcome how it must end
     * @param state for {@link Outcome#ERROR}, the SQLState required, or {@code null} for any
     * @param messageHas text the error's message must contain, or {@code null}
     * @param messageLacks text no message of the error's chain may contain, or {@code null}
     */
    record Step(String sql, List<Object> params, Outcome outcome, String state, String messageHas,
            String messageLacks) { }

    /** One input: a header and its steps, run in order on one connection. */
    record Entry(int line, String title, List<Step> steps) {

        @Override
        public String toString() {
            return "line " + line + " " + title;
        }
    }

    private AdversarialCorpus() {
    }

    static List<Entry> load() {
        try (InputStream in = AdversarialCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Entry> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        StepBuilder step = null;
        List<Step> steps = null;
        String title = null;
        int titleLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("-- [")) {
                if (steps != null) {
                    steps.add(step.build(titleLine));
                    entries.add(new Entry(titleLine, title, List.copyOf(steps)));
                }
                title = line.substring(3);
                titleLine = i + 1;
                steps = new ArrayList<>();
                step = new StepBuilder();
            } else if (steps == null || line.startsWith("-- ==")) {
                continue; // the header of the file, section lines
            } else if (line.equals("-- then")) {
                steps.add(step.build(titleLine));
                step = new StepBuilder();
            } else if (line.startsWith("-- params:")) {
                step.params = values(line.substring("-- params:".length()).strip());
            } else if (line.startsWith("-- expect:")) {
                step.expect(line.substring("-- expect:".length()).strip());
            } else if (line.startsWith("-- message-has:")) {
                step.messageHas = line.substring("-- message-has:".length()).strip();
            } else if (line.startsWith("-- message-lacks:")) {
                step.messageLacks = line.substring("-- message-lacks:".length()).strip();
            } else {
                step.sql.append(line).append('\n');
            }
        }
        if (steps != null) {
            steps.add(step.build(titleLine));
            entries.add(new Entry(titleLine, title, List.copyOf(steps)));
        }
        return entries;
    }

    /** Replaces the placeholders of a statement or text value. */
    static String expand(String s) {
        Matcher m = PLACEHOLDER.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String p = m.group(1);
            String r;
            if (p.startsWith("REPEAT:")) {
                r = m.group(3).repeat(Integer.parseInt(m.group(2)));
            } else if (p.startsWith("U+")) {
                r = new String(Character.toChars(Integer.parseInt(p.substring(2), 16)));
            } else {
                r = switch (p) {
                    case "NUL" -> "\0";
                    case "CR" -> "\r";
                    case "LF" -> "\n";
                    case "VT" -> "\u000B";
                    default -> LONGNAME;
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<Object> values(String text) {
        List<Object> out = new ArrayList<>();
        for (String token : io.synapsedb.route.StatementCorpus.split(text)) {
            out.add(value(token.strip()));
        }
        return out;
    }

    private static Object value(String t) {
        if (t.equals("null")) {
            return null;
        }
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
            return expand(t.substring(1, t.length() - 1));
        }
        if (t.startsWith("u:")) {
            return UUID.fromString(t.substring(2));
        }
        if (t.startsWith("d:")) {
            return new BigDecimal(t.substring(2));
        }
        if (t.startsWith("[") && t.endsWith("]")) {
            List<Object> elements = values(t.substring(1, t.length() - 1));
            return elements.stream().allMatch(e -> e instanceof Long) ? elements.toArray(new Long[0])
                    : elements.stream().map(String::valueOf).toArray(String[]::new);
        }
        return Long.parseLong(t);
    }

    private static final class StepBuilder {
        final StringBuilder sql = new StringBuilder();
        List<Object> params;
        Outcome outcome;
        String state;
        String messageHas;
        String messageLacks;

        void expect(String e) {
            String[] parts = e.split("\\s+");
            outcome = Outcome.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT));
            state = parts.length > 1 ? parts[1] : null;
        }

        Step build(int line) {
            if (outcome == null) {
                throw new IllegalStateException("corpus entry at line " + line + " has a step without '-- expect:'");
            }
            return new Step(expand(sql.toString().strip()), params, outcome, state, messageHas, messageLacks);
        }
    }
}

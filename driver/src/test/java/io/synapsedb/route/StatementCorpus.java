package io.synapsedb.route;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code corpus/statements.sql}: entries of a header comment ({@code -- [kind] origin}), an
 * expected outcome, optional parameter values and the statement. The format is described at the
 * top of the file.
 */
public final class StatementCorpus {

    static final String RESOURCE = "/corpus/statements.sql";

    private static final Pattern HEADER = Pattern.compile("^-- \\[([a-z0-9-]+)\\] (.+)$");
    private static final Pattern EXPECT = Pattern.compile("^-- expect: (.+)$");
    private static final Pattern PARAMS = Pattern.compile("^-- params:(.*)$");
    private static final Pattern SECTION = Pattern.compile("^-- ?=+.*$");

    /**
     * One statement of the corpus.
     *
     * @param line 1-based line of the header
     * @param kind the header's kind tag (orm, pgbench, tpcc, jsonb, ...)
     * @param origin what the statement is and where it comes from
     * @param expect the expected outcome as written
     * @param params the parameter tokens as written, or {@code null} when every ? is 1
     * @param sql the statement, placeholders not yet replaced, trailing ';' removed
     */
    record Entry(int line, String kind, String origin, String expect, String params, String sql) {

        @Override
        public String toString() {
            return "line " + line + " [" + kind + "] " + origin;
        }
    }

    /** Values that stand for the corpus's K1/K2 placeholders and typed parameter tokens. */
    record Keys(long k1, long k2) {

        String substitute(String sql) {
            return sql.replace("${K1}", Long.toString(k1)).replace("${K2}", Long.toString(k2));
        }

        /** The values of a params line, in order. */
        List<Object> values(String params) {
            List<Object> values = new ArrayList<>();
            for (String token : split(params.strip())) {
                values.add(value(token.strip()));
            }
            return values;
        }

        private Object value(String t) {
            if (t.equals("K1")) {
                return k1;
            }
            if (t.equals("K2")) {
                return k2;
            }
            if (t.equals("null")) {
                return null;
            }
            if (t.startsWith("'") && t.endsWith("'") && t.length() >= 2) {
                return t.substring(1, t.length() - 1);
            }
            if (t.startsWith("u:")) {
                return UUID.fromString(t.substring(2));
            }
            if (t.startsWith("[") && t.endsWith("]")) {
                String inner = t.substring(1, t.length() - 1).strip();
                if (inner.isEmpty()) {
                    return new Long[0];
                }
                List<Object> elements = new ArrayList<>();
                for (String e : split(inner)) {
                    elements.add(value(e.strip()));
                }
                if (elements.stream().allMatch(e -> e instanceof Long)) {
                    return elements.toArray(new Long[0]);
                }
                if (elements.stream().allMatch(e -> e instanceof String)) {
                    return elements.toArray(new String[0]);
                }
                return elements.toArray();
            }
            if (t.matches("-?\\d+")) {
                return Long.parseLong(t);
            }
            if (t.matches("-?\\d+\\.\\d+")) {
                return new BigDecimal(t);
            }
            throw new IllegalArgumentException("cannot read parameter token " + t);
        }
    }

    private StatementCorpus() {
    }

    static List<Entry> load() {
        try (InputStream in = StatementCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Entry> parse(BufferedReader reader) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Builder current = null;
        String line;
        int n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                if (current != null) {
                    entries.add(current.build());
                }
                current = new Builder(n, header.group(1), header.group(2));
                continue;
            }
            if (current == null || SECTION.matcher(line).matches()) {
                continue;
            }
            Matcher expect = EXPECT.matcher(line);
            Matcher params = PARAMS.matcher(line);
            if (current.sql.length() == 0 && expect.matches()) {
                current.expect = expect.group(1).strip();
            } else if (current.sql.length() == 0 && params.matches()) {
                current.params = params.group(1).strip();
            } else if (current.sql.length() == 0 && line.startsWith("-- ")) {
                current.origin += " " + line.substring(3).strip(); // a continued header
            } else if (!line.isBlank() || current.sql.length() > 0) {
                current.sql.append(line).append('\n');
            }
        }
        if (current != null) {
            entries.add(current.build());
        }
        return entries;
    }

    /** Splits on commas outside quotes and brackets; shared with the integration tests' corpus. */
    public static List<String> split(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '[') {
                depth++;
            } else if (!quoted && c == ']') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static final class Builder {
        private final int line;
        private final String kind;
        private String origin;
        private String expect;
        private String params;
        private final StringBuilder sql = new StringBuilder();

        Builder(int line, String kind, String origin) {
            this.line = line;
            this.kind = kind;
            this.origin = origin;
        }

        Entry build() {
            String text = sql.toString().strip();
            if (text.endsWith(";")) {
                text = text.substring(0, text.length() - 1).strip();
            }
            if (expect == null || text.isEmpty()) {
                throw new IllegalStateException("corpus entry at line " + line + " needs an expect line and a"
                        + " statement");
            }
            return new Entry(line, kind, origin, expect, params, text);
        }
    }
}

package io.synapsedb.core;

/**
 * Identifiers as PostgreSQL reads them, and quoting of identifiers for SQL the driver writes
 * itself. The analyser, the catalog and the router all normalise names here, so that a name means
 * the same table everywhere.
 */
public final class Sql {

    private Sql() {
    }

    /** PostgreSQL's NAMEDATALEN - 1: longer identifiers are truncated to this many bytes. */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    /**
     * The identifier as PostgreSQL resolves it: a quoted one taken literally (quotes removed,
     * {@code ""} unescaped, a {@code U&"..."} one with its {@code \XXXX} and {@code \+XXXXXX}
     * escapes decoded), an unquoted one with ASCII letters folded to lower case (PostgreSQL leaves
     * other letters as they are in a UTF-8 database); either truncated to 63 bytes as PostgreSQL
     * truncates it. Null stays null.
     */
    public static String identifier(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim();
        String name;
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            name = s.substring(1, s.length() - 1).replace("\"\"", "\"");
        } else if (s.length() >= 4 && (s.charAt(0) == 'u' || s.charAt(0) == 'U') && s.charAt(1) == '&'
                && s.charAt(2) == '"' && s.charAt(s.length() - 1) == '"') {
            name = unicodeEscapes(s.substring(3, s.length() - 1).replace("\"\"", "\""));
        } else {
            name = asciiLowerCase(s);
        }
        return truncate(name);
    }

    private static String asciiLowerCase(String s) {
        char[] out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = s.toCharArray();
                }
                out[i] = (char) (c + ('a' - 'A'));
            }
        }
        return out == null ? s : new String(out);
    }

    /**
     * The body of a {@code U&"..."} identifier with its escapes decoded; an invalid escape (which
     * PostgreSQL refuses) leaves the text as written, which then names nothing the driver knows.
     */
    private static String unicodeEscapes(String body) {
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                i++;
            } else if (i + 1 < body.length() && body.charAt(i + 1) == '\\') {
                out.append('\\');
                i += 2;
            } else {
                boolean six = i + 1 < body.length() && body.charAt(i + 1) == '+';
                int start = six ? i + 2 : i + 1;
                int end = start + (six ? 6 : 4);
                int cp = end <= body.length() ? hex(body, start, end) : -1;
                if (cp < 0 || cp > Character.MAX_CODE_POINT) {
                    return body;
                }
                out.appendCodePoint(cp);
                i = end;
            }
        }
        return out.toString();
    }

    private static int hex(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0 || s.charAt(i) > 127) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** Truncates to 63 UTF-8 bytes without splitting a character, as PostgreSQL does. */
    private static String truncate(String name) {
        if (name.length() * 3 <= MAX_IDENTIFIER_BYTES) {
            return name; // the common case: cannot be too long
        }
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > MAX_IDENTIFIER_BYTES) {
                return name.substring(0, i);
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        return name;
    }

    /**
     * The normalised name of a table given as a raw schema (possibly null) and a raw table
     * identifier: {@code table}, or {@code schema.table} for a schema other than {@code public}.
     */
    public static String tableName(String rawSchema, String rawName) {
        String name = identifier(rawName);
        String schema = identifier(rawSchema);
        if (schema == null || schema.isEmpty() || schema.equals("public")) {
            return name;
        }
        return schema + "." + name;
    }

    /** Quotes one identifier the way PostgreSQL's quote_ident does when needed (always, here). */
    public static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * Quotes a normalised table name ({@code table} or {@code schema.table}) as a qualified
     * identifier.
     */
    public static String table(String normalizedName) {
        int dot = normalizedName.indexOf('.');
        if (dot < 0) {
            return ident(normalizedName);
        }
        return ident(normalizedName.substring(0, dot)) + "." + ident(normalizedName.substring(dot + 1));
    }

    /** The bare relation name of a normalised table name (without its schema). */
    public static String relname(String normalizedName) {
        int dot = normalizedName.indexOf('.');
        return dot < 0 ? normalizedName : normalizedName.substring(dot + 1);
    }

    /** A string literal, for the driver's own constant text only (never user values). */
    public static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}

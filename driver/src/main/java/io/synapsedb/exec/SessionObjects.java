package io.synapsedb.exec;

import io.synapsedb.sql.SessionObject;
import java.util.HashSet;
import java.util.Set;

/**
 * The prepared statements and cursors a logical connection made by SQL ({@code PREPARE},
 * {@code DECLARE}) on the home group from statements that touch no declared table. Using one of
 * them later ({@code EXECUTE}, {@code FETCH}, {@code MOVE}) runs on the home group; using any other
 * is refused, because the driver cannot know what it reaches. A name that PostgreSQL has dropped
 * meanwhile (a cursor at commit) stays here and gets PostgreSQL's own error.
 */
final class SessionObjects {

    private final Set<String> prepared = new HashSet<>();
    private final Set<String> cursors = new HashSet<>();

    /** Whether {@code o} uses an object this connection made on the home group. */
    boolean knows(SessionObject o) {
        return o != null && o.action() == SessionObject.Action.USE && o.name() != null && names(o).contains(o.name());
    }

    /** Records what a statement that ran did: made or dropped an object. */
    void ran(SessionObject o) {
        if (o == null) {
            return;
        }
        Set<String> names = names(o);
        switch (o.action()) {
            case CREATE -> names.add(o.name());
            case DROP -> {
                if (o.name() == null) {
                    names.clear();
                } else {
                    names.remove(o.name());
                }
            }
            case USE -> { }
        }
    }

    private Set<String> names(SessionObject o) {
        return o.type() == SessionObject.Type.CURSOR ? cursors : prepared;
    }
}

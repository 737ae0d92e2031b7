package io.synapsedb.coordinator.atomix;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import io.atomix.cluster.ClusterMembershipEvent;
import io.atomix.cluster.ClusterMembershipEventListener;
import io.atomix.cluster.ClusterMembershipService;
import io.atomix.cluster.Member;
import io.synapsedb.coordinator.MemberInfo;
import io.synapsedb.coordinator.Membership;
import io.synapsedb.coordinator.MembershipEvent;
import io.synapsedb.coordinator.MembershipListener;

/** {@link Membership} on Atomix's SWIM membership service. */
final class AtomixMembership implements Membership {

    private final ClusterMembershipService service;
    private final Notifier notifier;
    private final List<MembershipListener> listeners = new CopyOnWriteArrayList<>();
    private final ClusterMembershipEventListener atomixListener = this::onEvent;

    AtomixMembership(ClusterMembershipService service, Notifier notifier) {
        this.service = service;
        this.notifier = notifier;
        service.addListener(atomixListener);
    }

    @Override
    public MemberInfo localMember() {
        return toInfo(service.getLocalMember());
    }

    @Override
    public List<MemberInfo> members() {
        return service.getMembers().stream().map(this::toInfo).sorted(Comparator.comparing(MemberInfo::id)).toList();
    }

    @Override
    public void addListener(MembershipListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(MembershipListener listener) {
        listeners.remove(listener);
    }

    void close() {
        service.removeListener(atomixListener);
    }

    private void onEvent(ClusterMembershipEvent event) {
        MembershipEvent.Type type = switch (event.type()) {
            case MEMBER_ADDED -> MembershipEvent.Type.ADDED;
            case MEMBER_REMOVED -> MembershipEvent.Type.REMOVED;
            case REACHABILITY_CHANGED -> event.subject().isReachable()
                    ? MembershipEvent.Type.REACHABLE : MembershipEvent.Type.UNREACHABLE;
            case METADATA_CHANGED -> null;
        };
        if (type == null) {
            return;
        }
        MembershipEvent e = new MembershipEvent(type, toInfo(event.subject()));
        notifier.submit(e.toString(), () -> {
            for (MembershipListener l : listeners) {
                l.onMembershipEvent(e);
            }
        });
    }

    private MemberInfo toInfo(Member m) {
        boolean local = m.id().equals(service.getLocalMember().id());
        return new MemberInfo(m.id().id(), m.address().host(), m.address().port(), local || m.isReachable(), local);
    }
}

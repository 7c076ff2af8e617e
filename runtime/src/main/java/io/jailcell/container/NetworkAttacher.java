package io.jailcell.container;

import io.jailcell.linux.helper.ParentSide;
import io.jailcell.linux.net.NetSpace;
import io.jailcell.linux.net.PortMapping;
import java.nio.file.Path;
import java.util.List;

/** The parent side of a networked container's launch: CNI ADD while the cloned child waits for GO. */
final class NetworkAttacher implements ParentSide {
    private final ContainerNetworks owner;
    private final ContainerRecord record;
    private final Path dir;
    private final Networks.Def net;
    private final List<PortMapping> ports;
    private final NetSpace space;
    private NetAttachment attached;

    NetworkAttacher(ContainerNetworks owner, ContainerRecord record, Path dir, Networks.Def net,
            List<PortMapping> ports, NetSpace space) {
        this.space = space;
        this.owner = owner;
        this.record = record;
        this.dir = dir;
        this.net = net;
        this.ports = ports;
    }

    @Override
    public void prepare(int childPid) {
        attached = owner.attach(record, dir, net, ports, childPid, ContainerNetworks.IFNAME, space).networks().get(0);
    }

    /** What the record must carry from now on: the attachment, or an empty list when ADD never completed. */
    List<NetAttachment> attachments() {
        return attached == null ? List.of() : List.of(attached);
    }

    /** The rootless holder whose user namespace the container must join, or 0 (root: the host's namespace). */
    long holderPid() {
        return space.holderPid();
    }

    String network() {
        return net.name();
    }
}

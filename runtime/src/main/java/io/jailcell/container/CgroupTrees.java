package io.jailcell.container;

import io.jailcell.linux.cgroup.CgroupManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/** Reads the part of each cgroup hierarchy that jailcell made: root, jailcell parent, containers. */
public final class CgroupTrees {
    /** A cgroup: its label, directory, processes, and the cgroups below it that jailcell knows. */
    public record Node(String name, Path path, List<Long> pids, List<Node> children) {
    }

    private CgroupTrees() {
    }

    static Map<String, Node> read(Map<String, Path> roots, Function<String, String> containerName) {
        Map<String, Node> trees = new LinkedHashMap<>();
        Map<Path, Node> seen = new LinkedHashMap<>();
        for (Map.Entry<String, Path> root : roots.entrySet()) {
            Node tree = seen.get(root.getValue()); // co-mounted controllers share one tree
            if (tree == null) {
                Path parent = CgroupManager.parentIn(root.getValue());
                List<Node> containers = new ArrayList<>();
                for (Path dir : subdirs(parent)) {
                    String dirName = dir.getFileName().toString();
                    String label = containerName.apply(dirName);
                    containers.add(new Node(label != null ? label : dirName, dir, pids(dir), List.of()));
                }
                List<Node> top = Files.isDirectory(parent)
                        ? List.of(new Node("jailcell", parent, pids(parent), containers)) : List.of();
                tree = new Node("/", root.getValue(), List.of(), top);
                seen.put(root.getValue(), tree);
            }
            trees.put(root.getKey(), tree);
        }
        return trees;
    }

    private static List<Path> subdirs(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<Long> pids(Path dir) {
        List<Long> pids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone meanwhile, or not readable by this user
        }
        return pids;
    }
}

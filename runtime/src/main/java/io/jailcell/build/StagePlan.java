package io.jailcell.build;

import io.jailcell.build.dockerfile.Copy;
import io.jailcell.build.dockerfile.Dockerfile;
import io.jailcell.build.dockerfile.Instruction;
import io.jailcell.build.dockerfile.ShellWords;
import io.jailcell.build.dockerfile.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The stages a target needs: itself, the stage it starts FROM, and those it copies from, transitively. */
final class StagePlan {
    private StagePlan() {
    }

    static List<Stage> needed(Dockerfile df, Stage target, ShellWords words, Map<String, String> globalArgs) {
        TreeMap<Integer, Stage> out = new TreeMap<>();
        visit(df, target, words, globalArgs, out);
        return new ArrayList<>(out.values());
    }

    private static void visit(Dockerfile df, Stage s, ShellWords words, Map<String, String> args,
                              TreeMap<Integer, Stage> out) {
        if (out.containsKey(s.index())) {
            return;
        }
        out.put(s.index(), s);
        df.stageBefore(words.expand(s.baseImage(), args), s).ifPresent(dep -> visit(df, dep, words, args, out));
        for (Instruction i : s.instructions()) {
            if (i instanceof Copy c && c.from().isPresent()) {
                String from = words.expand(c.from().get(), args);
                df.stage(from).filter(dep -> dep.index() < s.index())
                        .ifPresent(dep -> visit(df, dep, words, args, out));
            }
        }
    }
}

package io.jailcell.kernel.magic;

import io.jailcell.api.JailcellException;
import io.jailcell.kernel.display.Table;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * Registers magics in a kernel's {@link MagicsRegistry} in one fluent chain, remembering each one's usage and
 * help for {@code %help}, and turning every failure into a {@link MagicError}: one line, what went wrong and what
 * to do, with the stack trace only under {@code %debug on}.
 *
 * <pre>{@code
 * new MagicSet(registry, ctx)
 *         .line("info", "%info", "what this host allows", "%info", words -> ctx.jc().info())
 *         .cell("sh", "%%sh NAME", "runs the cell in container NAME", "%%sh web", (words, body) -> ...)
 *         .also("%info --json", "a subcommand worth its own row in %help", "%info --json")
 *         .withHelp();
 * }</pre>
 */
public final class MagicSet {
    /** A line magic's body: the words of its line. */
    @FunctionalInterface
    public interface Line {
        Object run(List<String> words);
    }

    /** A cell magic's body: the words of its first line and the rest of the cell. */
    @FunctionalInterface
    public interface Cell {
        Object run(List<String> words, String body);
    }

    private final MagicsRegistry registry;
    private final MagicContext ctx;
    private final List<List<String>> help = new ArrayList<>();

    public MagicSet(MagicsRegistry registry, MagicContext ctx) {
        this.registry = registry;
        this.ctx = ctx;
    }

    /** Registers {@code %name}; {@code example} is a line to try, shown by {@code %help}. */
    public MagicSet line(String name, String usage, String what, String example, Line magic) {
        help.add(List.of(usage, what, example));
        registry.registerLineMagic(name, (kernel, words) -> guard("%" + name, () -> magic.run(words)));
        return this;
    }

    /** Registers {@code %%name}. */
    public MagicSet cell(String name, String usage, String what, String example, Cell magic) {
        help.add(List.of(usage, what, example));
        registry.registerCellMagic(name, (kernel, words, body) -> guard("%%" + name, () -> magic.run(words, body)));
        return this;
    }

    /** One more row of {@code %help} for a subcommand of the magic registered last. */
    public MagicSet also(String usage, String what, String example) {
        help.add(List.of(usage, what, example));
        return this;
    }

    /** Registers {@code %help}, the table of every magic registered so far; ends the chain. */
    public MagicSet withHelp() {
        help.add(0, List.of("%help", "this list", "%help"));
        Table t = new Table(List.of("magic", "what it does", "example"), List.copyOf(help));
        registry.registerLineMagic("help", (kernel, words) -> t);
        return this;
    }

    private Object guard(String magic, java.util.function.Supplier<Object> body) {
        try {
            return body.get();
        } catch (MagicError | CellSkipped e) {
            throw e;
        } catch (JailcellException e) {
            String m = magic + ": " + firstLine(e.getMessage());
            throw ctx.debug() ? MagicError.withTrace(m, e) : new MagicError(m);
        } catch (RuntimeException e) {
            String m = magic + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
            throw ctx.debug() ? MagicError.withTrace(m, e)
                    : new MagicError(m + " (%debug on, then run the cell again, shows where)");
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.strip().split("\\R")[0];
    }
}

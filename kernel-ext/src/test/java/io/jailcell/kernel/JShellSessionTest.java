package io.jailcell.kernel;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One in-process JShell session, as the kernel drives it (no Jupyter, no root). */
class JShellSessionTest {
    private static JShellSession session;
    private static CodeAnalysis analysis;

    @BeforeAll
    static void start() {
        session = JShellSession.start(CellClasspath.forRuntime(), JShellSession.DEFAULT_IMPORTS);
        analysis = new CodeAnalysis(session.shell().sourceCodeAnalysis());
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void stateLivesAcrossCellsAndTheLastExpressionIsTheValue() {
        assertThat(session.eval("int x = 40;")).isEmpty();
        assertThat(session.eval("x + 2")).contains(42);
        assertThat(session.eval("int y = 1;\ny += x;\n\"y=\" + y")).contains("y=41");
    }

    @Test
    void voidCallsAndStatementsHaveNoValueButNullIsOne() {
        assertThat(session.eval("System.out.print(\"\")")).isEmpty();
        assertThat(session.eval("for (int i = 0; i < 2; i++) { }")).isEmpty();
        assertThat(session.eval("(String) null")).contains(JShellSession.NullValue.INSTANCE);
    }

    @Test
    void methodsAndClassesCanBeRedefined() {
        session.eval("int twice(int a) { return 2 * a; }");
        assertThat(session.eval("twice(3)")).contains(6);
        session.eval("int twice(int a) { return a + a + 1; }");
        assertThat(session.eval("twice(3)")).contains(7);
        session.eval("record P(int a) { }");
        session.eval("record P(int a, int b) { }");
        assertThat(session.eval("new P(1, 2).b()")).contains(2);
    }

    @Test
    void theJailcellApiIsImported() {
        assertThat(session.eval("Jailcell.class.getName()")).contains("io.jailcell.api.Jailcell");
        assertThat(session.eval("ContainerSpec.of(\"busybox\", \"true\").image()")).contains("busybox");
    }

    @Test
    void compileErrorsAndExceptionsAreOneLine() {
        assertThatThrownBy(() -> session.eval("int a = 1;\n\nnope + 1"))
                .isInstanceOf(CellError.class)
                .hasMessage("cannot find symbol: variable nope (line 3: nope + 1)");
        assertThatThrownBy(() -> session.eval("1 / 0"))
                .hasMessage("ArithmeticException: / by zero");
        assertThatThrownBy(() -> session.eval("throw new IllegalStateException(\"no\\nmore\")"))
                .hasMessage("IllegalStateException: no");
        assertThat(session.eval("\"still alive\"")).contains("still alive");
    }

    @Test
    void stopEndsAnEndlessLoopWithinASecond() throws Exception {
        CompletableFuture<Throwable> cell = CompletableFuture.supplyAsync(() -> {
            try {
                session.eval("while (true) { }");
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(300);
        long t0 = System.nanoTime();
        session.stop();
        Throwable t = cell.get(1, TimeUnit.SECONDS);
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(1));
        assertThat(t).isInstanceOf(CellError.class).hasMessage("Interrupted");
        assertThat(session.eval("1 + 1")).contains(2);
    }

    @Test
    void isCompleteAsksForMoreOrSaysInvalid() {
        assertThat(analysis.isComplete("int z = 1;")).isEqualTo(BaseKernel.IS_COMPLETE_YES);
        assertThat(analysis.isComplete("1 + 1")).isEqualTo(BaseKernel.IS_COMPLETE_YES);
        assertThat(analysis.isComplete("for (int i = 0; i < 3; i++) {")).isEqualTo("    ");
        assertThat(analysis.isComplete("int q = ;")).isEqualTo(BaseKernel.IS_COMPLETE_BAD);
    }

    @Test
    void completionAndDocumentation() {
        ReplacementOptions r = analysis.complete("Jailcell.pro", 12);
        assertThat(r.getReplacements()).contains("probe()");
        assertThat(r.getSourceStart()).isEqualTo(9);
        assertThat(r.getSourceEnd()).isEqualTo(12);
        assertThat(analysis.documentation("Math.max(", 9)).contains("max(int", "max(double");
        assertThat(analysis.documentation("", 0)).isNull();
    }

    @Test
    void cellsSeeTheRuntimeJarsOnTheClassPath() {
        List<String> names = CellClasspath.forRuntime().stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names.get(0)).matches("jailcell-runtime.*\\.jar|classes");
    }
}

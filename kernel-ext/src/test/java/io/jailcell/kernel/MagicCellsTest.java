package io.jailcell.kernel;

import io.jailcell.kernel.MagicCells.Kind;
import io.jailcell.kernel.MagicCells.Part;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MagicCellsTest {
    @Test
    void lineMagicsSplitJavaWithTheirLines() {
        assertThat(MagicCells.parse("int x = 1;\n  %image ls -a\nx % 2"))
                .containsExactly(new Part(Kind.JAVA, null, "int x = 1;\n", null, 0),
                        new Part(Kind.LINE, "image", "ls -a", null, 1),
                        new Part(Kind.JAVA, null, "x % 2\n", null, 2));
    }

    @Test
    void aCellMagicTakesTheWholeCell() {
        assertThat(MagicCells.parse("%%sh web\necho a\n%not-a-magic\n"))
                .containsExactly(new Part(Kind.CELL, "sh", "web", "echo a\n%not-a-magic\n", 0));
        assertThat(MagicCells.parse("%%dockerfile"))
                .containsExactly(new Part(Kind.CELL, "dockerfile", "", "", 0));
    }

    @Test
    void javaAloneIsOnePart() {
        assertThat(MagicCells.parse("1 + 1")).containsExactly(new Part(Kind.JAVA, null, "1 + 1\n", null, 0));
        assertThat(MagicCells.parse("\n\n")).isEmpty();
    }
}

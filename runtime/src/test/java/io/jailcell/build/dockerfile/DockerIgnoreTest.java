package io.jailcell.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DockerIgnoreTest {

    @ParameterizedTest(name = "[{index}] {0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "*.go          | a.go             | true",
            "*.go          | dir/a.go         | false",
            "**/*.go       | a.go             | true",
            "**/*.go       | x/y/a.go         | true",
            "**            | anything/at/all  | true",
            "**/file       | file             | true",
            "**/file       | a/b/file         | true",
            "dir/**        | dir/a/b          | true",
            "dir/**/x      | dir/x            | true",
            "dir/**/x      | dir/a/b/x        | true",
            "dir/**/x      | other/x          | false",
            "a/*/c         | a/b/c            | true",
            "a/*/c         | a/b/d/c          | false",
            "a?c           | abc              | true",
            "a?c           | a/c              | false",
            "[a-c]x        | bx               | true",
            "[a-c]x        | dx               | false",
            "[^a]x         | bx               | true",
            "[^a]x         | ax               | false",
            "\\*           | *                | true",
            "\\*           | a                | false",
            "file.txt      | file.txt         | true",
            "file.txt      | fileXtxt         | false",
            "a+b(c)        | a+b(c)           | true",
            "target        | target/classes/A.class | true",
            "/build        | build            | true",
            "./dist        | dist/app.js      | true",
            "a//b/../c     | a/c              | true",
            "docs/         | docs/x.md        | true",
            "Dockerfile    | ./Dockerfile     | true",
            "Dockerfile    | /Dockerfile      | true",
    })
    void matches_followsPatternmatcher(String pattern, String path, boolean expected) {
        assertThat(DockerIgnore.parse(pattern).matches(path)).isEqualTo(expected);
    }

    @Test
    void exception_reincludesAndLaterRulesWin() {
        DockerIgnore ignore = DockerIgnore.parse("*.md\n!README.md\n");
        assertThat(ignore.matches("CHANGES.md")).isTrue();
        assertThat(ignore.matches("README.md")).isFalse();
        DockerIgnore reversed = DockerIgnore.parse("!README.md\n*.md\n");
        assertThat(reversed.matches("README.md")).isTrue();
    }

    @Test
    void exceptionInsideAnIgnoredDirectory() {
        DockerIgnore ignore = DockerIgnore.parse("docs\n!docs/keep.md\n");
        assertThat(ignore.matches("docs/other.md")).isTrue();
        assertThat(ignore.matches("docs/keep.md")).isFalse();
        assertThat(ignore.matches("docs")).isTrue();
        assertThat(ignore.canSkipDirectory("docs")).isFalse();
    }

    @Test
    void reExcludingAfterAnException() {
        DockerIgnore ignore = DockerIgnore.parse("*\n!src\nsrc/**/*.tmp\n");
        assertThat(ignore.matches("README")).isTrue();
        assertThat(ignore.matches("src/Main.java")).isFalse();
        assertThat(ignore.matches("src/a/b.tmp")).isTrue();
    }

    @Test
    void canSkipDirectory_onlyWhenNoExceptionCouldMatchInside() {
        assertThat(DockerIgnore.parse("node_modules\n").canSkipDirectory("node_modules")).isTrue();
        assertThat(DockerIgnore.parse("node_modules\n").canSkipDirectory("src")).isFalse();
        assertThat(DockerIgnore.parse("build\n!other/x\n").canSkipDirectory("build")).isTrue();
        assertThat(DockerIgnore.parse("build\n!**/*.keep\n").canSkipDirectory("build")).isFalse();
        assertThat(DockerIgnore.parse("build\n!b*/out/x\n").canSkipDirectory("build")).isFalse();
        assertThat(DockerIgnore.parse("a\n!a/b/c\n").canSkipDirectory("a/x")).isTrue();
        assertThat(DockerIgnore.parse("a\n!a/b/c\n").canSkipDirectory("a/b")).isFalse();
    }

    @Test
    void commentsBlankLinesAndWhitespace() {
        DockerIgnore ignore = DockerIgnore.parse("# comment\n\n   \n  spaced.txt  \n #notcomment\n! keep.txt\r\n");
        assertThat(ignore.patterns()).containsExactly("spaced.txt", "#notcomment", "!keep.txt");
        assertThat(ignore.matches("spaced.txt")).isTrue();
        assertThat(ignore.matches("#notcomment")).isTrue();
        assertThat(ignore.hasExceptions()).isTrue();
    }

    @Test
    void noRules_ignoreNothing() {
        assertThat(DockerIgnore.none().matches("x")).isFalse();
        assertThat(DockerIgnore.parse("").matches("x")).isFalse();
        assertThat(DockerIgnore.parse("# only comments").canSkipDirectory("x")).isFalse();
    }

    @Test
    void badPatterns_areReportedWithTheirLine() {
        assertThatThrownBy(() -> DockerIgnore.parse("ok\n!\n"))
                .isInstanceOf(DockerfileException.class)
                .hasMessage(".dockerignore:2:1: '!' alone is not a pattern: write !PATH to re-include PATH");
        assertThatThrownBy(() -> DockerIgnore.parse("a\n\n[abc\n"))
                .isInstanceOf(DockerfileException.class)
                .hasMessage(".dockerignore:3:1: bad pattern '[abc': '[' is never closed with ']'");
        assertThatThrownBy(() -> DockerIgnore.parse("abc\\\n"))
                .hasMessage(".dockerignore:1:1: bad pattern 'abc\\': the pattern ends with an escaping \\");
    }
}

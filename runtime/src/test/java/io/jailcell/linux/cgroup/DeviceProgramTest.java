package io.jailcell.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceProgramTest {
    private static final int BLOCK = 1;
    private static final int CHAR = 2;
    private static final int M = 1;
    private static final int R = 2;
    private static final int W = 4;
    private static final int[] MAJORS = {0, 1, 4, 5, 8, 10, 136, 254, 2048, 4095};
    private static final int[] MINORS = {0, 1, 2, 3, 5, 7, 8, 9, 200, 1048574, 1048575};

    private static List<String> listing(List<DeviceRule> rules) {
        DeviceInterpreter p = new DeviceInterpreter(DeviceProgram.compile(rules));
        List<String> out = new ArrayList<>();
        for (int pc = 0; pc < p.size(); pc++) {
            int[] i = p.insn(pc);
            out.add(String.format("%02x %d %d %d %d", i[0], i[1], i[2], i[3], i[4]));
        }
        return out;
    }

    /** What v1's devices controller decides: the last matching rule wins, default deny. */
    private static boolean reference(List<DeviceRule> rules, int type, int access, int major, int minor) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            DeviceRule rule = rules.get(i);
            boolean typeMatches = rule.type() == 'a' || (rule.type() == 'b') == (type == BLOCK);
            boolean numbers = (rule.major() == DeviceRule.ANY || rule.major() == major)
                    && (rule.minor() == DeviceRule.ANY || rule.minor() == minor);
            int ruleAccess = (rule.access().contains("m") ? M : 0) | (rule.access().contains("r") ? R : 0)
                    | (rule.access().contains("w") ? W : 0);
            boolean accessMatches = rule.allow() ? (access & ~ruleAccess) == 0 : (access & ruleAccess) != 0;
            if (typeMatches && numbers && accessMatches) {
                return rule.allow();
            }
        }
        return false;
    }

    private static void agreesWithTheReferenceEverywhere(List<DeviceRule> rules) {
        DeviceInterpreter p = new DeviceInterpreter(DeviceProgram.compile(rules));
        for (int type : new int[] {BLOCK, CHAR}) {
            for (int access = 1; access <= 7; access++) {
                for (int major : MAJORS) {
                    for (int minor : MINORS) {
                        boolean expected = reference(rules, type, access, major, minor);
                        assertThat(p.run(type, access, major, minor))
                                .as("%s type %d access %d %d:%d", rules, type, access, major, minor)
                                .isEqualTo(expected ? 1L : 0L);
                    }
                }
            }
        }
    }

    @Test
    void dockersDefaults_letEveryNodeBeMadeButOnlyTheStandardOnesOpened() {
        DeviceInterpreter p = new DeviceInterpreter(DeviceProgram.compile(DeviceRule.DOCKER_DEFAULTS));
        assertThat(p.run(BLOCK, M, 8, 0)).as("mknod of a host disk (sda)").isEqualTo(1);
        assertThat(p.run(BLOCK, R, 8, 0)).as("reading it").isZero();
        assertThat(p.run(BLOCK, R | W, 254, 0)).as("opening vda read-write").isZero();
        assertThat(p.run(CHAR, R, 1, 1)).as("/dev/mem").isZero();
        assertThat(p.run(CHAR, M, 1, 1)).as("mknod of /dev/mem").isEqualTo(1);
        assertThat(p.run(CHAR, R | W, 1, 3)).as("/dev/null").isEqualTo(1);
        assertThat(p.run(CHAR, R, 1, 5)).as("/dev/zero").isEqualTo(1);
        assertThat(p.run(CHAR, R, 1, 9)).as("/dev/urandom").isEqualTo(1);
        assertThat(p.run(CHAR, R | W, 5, 0)).as("/dev/tty").isEqualTo(1);
        assertThat(p.run(CHAR, R | W, 5, 2)).as("/dev/ptmx").isEqualTo(1);
        assertThat(p.run(CHAR, R | W, 136, 7)).as("/dev/pts/7").isEqualTo(1);
        assertThat(p.run(CHAR, R | W, 10, 200)).as("/dev/net/tun").isEqualTo(1);
        assertThat(p.run(CHAR, R | W, 10, 229)).as("/dev/fuse").isZero();
        agreesWithTheReferenceEverywhere(DeviceRule.DOCKER_DEFAULTS);
    }

    @Test
    void dockersDefaults_compileToATypeTest_thenOneComparisonPerCharRule_andSharedExits() {
        List<String> insns = listing(DeviceRule.DOCKER_DEFAULTS);
        assertThat(insns).containsExactly(
                // Context: type (low 16 bits), access (high 16 bits), major, minor, and major << 20 | minor.
                "61 2 1 0 0", "54 2 0 0 65535", "61 3 1 0 0", "74 3 0 0 16", "61 4 1 4 0", "61 5 1 8 0",
                "bc 6 4 0 0", "64 6 0 0 20", "4c 6 5 0 0",
                "55 2 0 14 2",                       // not char: to the block section
                "15 6 0 18 " + (10 << 20 | 200),     // c 10:200 rwm, the last rule first: to allow
                "15 4 0 17 136",                     // c 136:* rwm
                "15 6 0 16 " + (5 << 20 | 2), "15 6 0 15 " + (5 << 20 | 1), "15 6 0 14 " + (5 << 20),
                "15 6 0 13 " + (1 << 20 | 9), "15 6 0 12 " + (1 << 20 | 8), "15 6 0 11 " + (1 << 20 | 7),
                "15 6 0 10 " + (1 << 20 | 5), "15 6 0 9 " + (1 << 20 | 3),
                "bc 1 3 0 0", "54 1 0 0 6", "15 1 0 6 0", // c *:* m: nothing but mknod asked
                "05 0 0 3 0",                        // no char rule matched: deny
                "bc 1 3 0 0", "54 1 0 0 6", "15 1 0 2 0", // the block section: b *:* m
                "b4 0 0 0 0", "95 0 0 0 0",          // deny
                "b4 0 0 0 1", "95 0 0 0 0");         // allow
    }

    @Test
    void noRules_denyEverything() {
        assertThat(listing(List.of()).subList(9, 13)).containsExactly("55 2 0 1 2", "05 0 0 0 0", "b4 0 0 0 0",
                "95 0 0 0 0");
        agreesWithTheReferenceEverywhere(List.of());
    }

    @Test
    void aRuleForEverything_endsTheProgram_withNothingUnreachableAfterIt() {
        List<DeviceRule> rules = List.of(DeviceRule.allow("c 1:3 rwm"), DeviceRule.allow("a *:* rwm"));
        assertThat(listing(rules)).hasSize(14).endsWith("05 0 0 1 0", "05 0 0 0 0", "b4 0 0 0 1", "95 0 0 0 0");
        agreesWithTheReferenceEverywhere(rules);
        agreesWithTheReferenceEverywhere(List.of(DeviceRule.deny("a *:* rwm")));
    }

    @Test
    void laterRulesOverrideEarlierOnes_denyCoversAnyAccess_allowMustCoverAll() {
        List<DeviceRule> rules = List.of(DeviceRule.allow("a *:* rwm"), DeviceRule.deny("b 8:* rw"),
                DeviceRule.allow("b 8:1 r"), DeviceRule.deny("c 1:* w"), DeviceRule.allow("c *:3 w"));
        DeviceInterpreter p = new DeviceInterpreter(DeviceProgram.compile(rules));
        assertThat(p.run(BLOCK, R | W, 8, 0)).as("denied block 8").isZero();
        assertThat(p.run(BLOCK, M, 8, 0)).as("mknod untouched by the deny").isEqualTo(1);
        assertThat(p.run(BLOCK, R, 8, 1)).as("reopened for reading").isEqualTo(1);
        assertThat(p.run(BLOCK, R | W, 8, 1)).as("but not for writing").isZero();
        assertThat(p.run(CHAR, W, 1, 3)).as("write allowed again for minor 3").isEqualTo(1);
        assertThat(p.run(CHAR, W, 1, 5)).isZero();
        assertThat(p.run(CHAR, R, 1, 5)).isEqualTo(1);
        agreesWithTheReferenceEverywhere(rules);
    }

    @Test
    void wildcardsAndEveryTypeAndAccessCombination_agreeWithV1() {
        for (String type : new String[] {"a", "b", "c"}) {
            for (String numbers : new String[] {"*:*", "8:*", "*:3", "1:3", "4095:1048575", "2048:0"}) {
                for (String access : new String[] {"r", "w", "m", "rw", "rm", "wm", "rwm"}) {
                    String rule = type + " " + numbers + " " + access;
                    agreesWithTheReferenceEverywhere(List.of(DeviceRule.allow(rule)));
                    agreesWithTheReferenceEverywhere(List.of(DeviceRule.allow("a *:* rwm"), DeviceRule.deny(rule)));
                    agreesWithTheReferenceEverywhere(List.of(DeviceRule.deny(rule), DeviceRule.allow("c 1:3 rw")));
                }
            }
        }
    }

    @Test
    void deviceNumbersFrom2To31Up_areComparedThroughARegister_notASignExtendedImmediate() {
        DeviceInterpreter p = new DeviceInterpreter(DeviceProgram.compile(List.of(DeviceRule.allow("b 4095:7 r"))));
        assertThat(p.run(BLOCK, R, 4095, 7)).isEqualTo(1);
        assertThat(p.run(BLOCK, R, 4095, 8)).isZero();
        assertThat(listing(List.of(DeviceRule.allow("b 4095:7 r")))).contains("b4 7 0 0 " + (4095 << 20 | 7),
                "5d 6 7 3 0");
    }

    @Test
    void tooManyRules_areRefusedBeforeTheKernelWould() {
        List<DeviceRule> rules = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            rules.add(DeviceRule.allow("c 1:" + i + " rw"));
        }
        assertThatThrownBy(() -> DeviceProgram.compile(rules)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2000 rules").hasMessageContaining("4096");
    }
}

package io.jailcell.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceRuleTest {
    @Test
    void parsesV1SyntaxWithWildcards_andPrintsItBack() {
        DeviceRule pts = DeviceRule.allow("c 136:* rwm");
        assertThat(pts).isEqualTo(new DeviceRule('c', 136, DeviceRule.ANY, "rwm", true));
        assertThat(pts.toString()).isEqualTo("c 136:* rwm");
        assertThat(DeviceRule.deny("b *:* m")).isEqualTo(new DeviceRule('b', -1, -1, "m", false));
        assertThat(DeviceRule.allow("a *:* rwm").matchesEverything()).isTrue();
        assertThat(DeviceRule.allow("a *:* rw").matchesEverything()).isFalse();
    }

    @Test
    void dockersDefaults_areTheTwelveRulesDockerWrites() {
        assertThat(DeviceRule.DOCKER_DEFAULTS).extracting(DeviceRule::toString).containsExactly("c *:* m",
                "b *:* m", "c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm", "c 5:0 rwm", "c 5:1 rwm",
                "c 5:2 rwm", "c 136:* rwm", "c 10:200 rwm");
        assertThat(DeviceRule.DOCKER_DEFAULTS).allMatch(DeviceRule::allow);
    }

    @Test
    void badRules_sayWhatIsWrong() {
        assertThatThrownBy(() -> DeviceRule.allow("x 1:3 rwm")).hasMessageContaining("'x' is not a (all)");
        assertThatThrownBy(() -> DeviceRule.allow("c 1:3")).hasMessageContaining("'TYPE MAJOR:MINOR ACCESS'");
        assertThatThrownBy(() -> DeviceRule.allow("c 1-3 r")).hasMessageContaining("'TYPE MAJOR:MINOR ACCESS'");
        assertThatThrownBy(() -> DeviceRule.allow("c one:3 r")).hasMessageContaining("'one' is not a number");
        assertThatThrownBy(() -> DeviceRule.allow("c 1:3 rx")).hasMessageContaining("not a subset of rwm");
        assertThatThrownBy(() -> DeviceRule.allow("c 1:3 wr")).hasMessageContaining("in that order");
        assertThatThrownBy(() -> DeviceRule.allow("c 1:3 rr")).hasMessageContaining("not a subset of rwm");
        assertThatThrownBy(() -> DeviceRule.allow("c 4096:0 r")).hasMessageContaining("major 4096 is out of range");
        assertThatThrownBy(() -> DeviceRule.allow("c 1:1048576 r")).hasMessageContaining("minor 1048576");
        assertThatThrownBy(() -> DeviceRule.allow("c -2:0 r")).hasMessageContaining("out of range");
    }
}

package io.jailcell.linux.seccomp;

import java.util.List;

/**
 * A seccomp filter resolved for one container: the default action, the architectures it covers and the rules,
 * in the values libseccomp takes (actions are the kernel's {@code SECCOMP_RET_*}, comparisons libseccomp's
 * {@code scmp_compare}). The helper compiles it to a {@link SeccompProgram} with libseccomp.
 *
 * <pre>{@code
 * SeccompFilter f = SeccompProfile.dockerDefault().resolve(caps, "amd64", "6.1.0");
 * f.rules().size();   // about 370 for Docker's default capabilities
 * }</pre>
 *
 * @param architectures libseccomp architecture names ({@code x86_64}, {@code x86}, {@code x32}); the native first
 */
public record SeccompFilter(int defaultAction, List<String> architectures, List<Rule> rules) {

    public SeccompFilter {
        architectures = List.copyOf(architectures);
        rules = List.copyOf(rules);
    }

    /** One syscall, by name, with an action and argument conditions that must all hold. */
    public record Rule(String syscall, int action, List<Condition> conditions) {
        public Rule {
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * A comparison of one syscall argument. For {@code MASKED_EQ}, {@code datumA} is the mask and {@code datumB}
     * the value the masked argument must equal.
     */
    public record Condition(int argIndex, int op, long datumA, long datumB) {
    }
}

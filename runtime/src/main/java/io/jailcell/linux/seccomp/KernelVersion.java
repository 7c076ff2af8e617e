package io.jailcell.linux.seccomp;

/** Compares kernel releases such as {@code 6.18.44-fc} and {@code 4.8} by their numeric major.minor.patch. */
final class KernelVersion {
    private KernelVersion() {
    }

    static int compare(String a, String b) {
        int[] x = parse(a);
        int[] y = parse(b);
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return 0;
    }

    private static int[] parse(String release) {
        int[] v = new int[3];
        int part = 0;
        for (int i = 0; i < release.length() && part < 3; i++) {
            char c = release.charAt(i);
            if (Character.isDigit(c)) {
                v[part] = v[part] * 10 + (c - '0');
            } else if (c == '.') {
                part++;
            } else {
                break;
            }
        }
        return v;
    }
}

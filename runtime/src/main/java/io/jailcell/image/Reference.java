package io.jailcell.image;

/**
 * An image reference, normalised the way Docker does: {@code busybox} is {@code docker.io/library/busybox:latest},
 * {@code localhost:5000/app:1} names a registry, {@code name@sha256:...} pins a digest.
 *
 * <pre>{@code
 * Reference r = Reference.parse("busybox");
 * r.toString();      // "docker.io/library/busybox:latest"
 * r.familiar();      // "busybox:latest"
 * }</pre>
 *
 * @param tag    null when only a digest was given
 * @param digest null unless pinned
 */
public record Reference(String domain, String path, String tag, Digest digest) {
    public static final String DOCKER_HUB = "docker.io";

    /** Parses and normalises a reference; errors say what part is wrong. */
    public static Reference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new ImageFormatException("an image reference is empty: give a name such as busybox or localhost/app:1");
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Digest.parse(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            checkTag(text, tag);
        }
        String domain;
        String path;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        if (slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(java.util.Locale.ROOT)))) {
            domain = first;
            path = rest.substring(slash + 1);
        } else {
            domain = DOCKER_HUB;
            path = rest;
        }
        if (domain.equals("index.docker.io")) {
            domain = DOCKER_HUB;
        }
        if (domain.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
            path = "library/" + path;
        }
        checkPath(text, path);
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new Reference(domain, path, tag, digest);
    }

    /** The repository without tag or digest: {@code docker.io/library/busybox}. */
    public String repository() {
        return domain + "/" + path;
    }

    /** This reference with another tag and no digest. */
    public Reference withTag(String newTag) {
        checkTag(newTag, newTag);
        return new Reference(domain, path, newTag, null);
    }

    /** The short form Docker shows: {@code busybox:latest}, {@code localhost/app:1}. */
    public String familiar() {
        String repo = repository();
        if (domain.equals(DOCKER_HUB)) {
            repo = path.startsWith("library/") ? path.substring(8) : path;
        }
        return repo + suffix();
    }

    @Override
    public String toString() {
        return repository() + suffix();
    }

    private String suffix() {
        return (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    private static void checkTag(String text, String tag) {
        if (tag.isEmpty() || tag.length() > 128) {
            throw new ImageFormatException("bad tag in '" + text + "': a tag has 1 to 128 characters");
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            boolean word = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
            if (!word && (i == 0 || c != '.' && c != '-')) {
                throw new ImageFormatException("bad tag '" + tag + "' in '" + text
                        + "': use letters, digits, '_', '.' and '-', not starting with '.' or '-'");
            }
        }
    }

    private static void checkPath(String text, String path) {
        if (path.length() > 255) {
            throw new ImageFormatException("repository name in '" + text + "' is longer than 255 characters");
        }
        for (String component : path.split("/", -1)) {
            if (component.isEmpty()) {
                throw new ImageFormatException("bad image name '" + text + "': empty path component");
            }
            for (int i = 0; i < component.length(); i++) {
                char c = component.charAt(i);
                boolean alnum = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
                if (c >= 'A' && c <= 'Z') {
                    throw new ImageFormatException("bad image name '" + text
                            + "': repository names must be lower case");
                }
                boolean sep = c == '.' || c == '_' || c == '-';
                boolean edge = i == 0 || i == component.length() - 1;
                if (!alnum && (!sep || edge)) {
                    throw new ImageFormatException("bad image name '" + text + "': '" + c + "' is not allowed in '"
                            + component + "' (use a-z, 0-9 and separators . _ - between them)");
                }
            }
        }
    }
}

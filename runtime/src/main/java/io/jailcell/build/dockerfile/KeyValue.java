package io.jailcell.build.dockerfile;

/**
 * One {@code key=value} pair of ENV or LABEL, as written: quotes and {@code $VAR} are still in both parts, so run each
 * through {@link ShellWords#expand} before use.
 *
 * <pre>{@code
 * // ENV GREETING="hello world" PATH=$PATH:/opt/bin
 * pair.key();     // "GREETING"
 * pair.value();   // "\"hello world\"" -> expand -> "hello world"
 * }</pre>
 */
public record KeyValue(String key, String value) {
}

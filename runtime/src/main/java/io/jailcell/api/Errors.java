package io.jailcell.api;

import io.jailcell.container.ContainerException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** Turns internal failures into the public exception tree. */
final class Errors {
    private Errors() {
    }

    static <T> T translate(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw of(e);
        }
    }

    /**
     * The public exception for {@code e} (unchanged when it is one already). For the start path, which uses
     * try/catch with this rather than {@link #translate}: each lambda costs a cold CLI about half a millisecond.
     */
    static RuntimeException of(RuntimeException failure) {
        try {
            throw failure;
        } catch (ContainerException e) {
            return switch (e.kind()) {
                case NOT_FOUND -> new NotFoundException(e.getMessage());
                case CONFLICT -> new ConflictException(e.getMessage());
                case INVALID -> new InvalidSpecException(e.getMessage());
                case MISSING_FEATURE -> new MissingFeatureException(e.getMessage());
                case START_FAILED -> new StartFailedException(e.getMessage(), e.exitCode(), e.getCause());
                case STATE -> new ContainerStateException(e.getMessage());
            };
        } catch (io.jailcell.linux.net.NetException e) {
            return NetworkSupport.translate(e);
        } catch (io.jailcell.build.dockerfile.DockerfileException e) {
            return new InvalidSpecException(e.getMessage());
        } catch (io.jailcell.registry.RegistryException e) {
            return switch (e.kind()) {
                case NOT_FOUND -> new NotFoundException(e.getMessage());
                case UNAUTHORIZED -> new AuthenticationException(e.getMessage());
                default -> new JailcellException(e.getMessage(), 125, e);
            };
        } catch (io.jailcell.image.ImageFormatException e) {
            return new InvalidSpecException(e.getMessage());
        } catch (io.jailcell.store.StoreException e) {
            return new JailcellException(e.getMessage(), 125, e);
        } catch (UncheckedIOException e) {
            return new JailcellException(e.getMessage(), 125, e);
        } catch (IllegalStateException e) {
            return new MissingFeatureException(e.getMessage() != null ? e.getMessage() : e.toString());
        } catch (IllegalArgumentException e) {
            return new InvalidSpecException(e.getMessage());
        } catch (RuntimeException e) {
            return e;
        }
    }

    static void run(Runnable call) {
        translate(() -> {
            call.run();
            return null;
        });
    }
}

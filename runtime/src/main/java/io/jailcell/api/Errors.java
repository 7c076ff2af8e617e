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
        } catch (ContainerException e) {
            throw switch (e.kind()) {
                case NOT_FOUND -> new NotFoundException(e.getMessage());
                case CONFLICT -> new ConflictException(e.getMessage());
                case INVALID -> new InvalidSpecException(e.getMessage());
                case MISSING_FEATURE -> new MissingFeatureException(e.getMessage());
                case START_FAILED -> new StartFailedException(e.getMessage(), e.exitCode(), e.getCause());
                case STATE -> new ContainerStateException(e.getMessage());
            };
        } catch (UncheckedIOException e) {
            throw new JailcellException(e.getMessage(), 125, e);
        } catch (IllegalStateException e) {
            throw new MissingFeatureException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(e.getMessage());
        }
    }

    static void run(Runnable call) {
        translate(() -> {
            call.run();
            return null;
        });
    }
}

package io.jailcell.image;

/** An image document (manifest, index, config, reference) that does not follow the OCI or Docker format. */
public class ImageFormatException extends RuntimeException {
    public ImageFormatException(String message) {
        super(message);
    }
}

package io.jailcell.api;

/** No container or image has the name or id given. */
public class NotFoundException extends JailcellException {
    public NotFoundException(String message) {
        super(message);
    }
}

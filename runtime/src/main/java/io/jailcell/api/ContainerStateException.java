package io.jailcell.api;

/** The container is not in a state that allows the operation (e.g. removing a running one). */
public class ContainerStateException extends JailcellException {
    public ContainerStateException(String message) {
        super(message);
    }
}

package dev.kiln.autograd;

/** Returned by hook registrations; {@link #remove()} unregisters the hook. */
@FunctionalInterface
public interface RemovableHandle {
    void remove();
}

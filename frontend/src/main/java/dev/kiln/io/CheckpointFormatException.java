package dev.kiln.io;

import java.io.IOException;

/**
 * A checkpoint that {@link Checkpoints#load} cannot read: not a torch.save zip archive, a corrupt or truncated one,
 * or one whose pickle asks for something the allow-list unpickler refuses. The message names the file, the entry
 * and the problem.
 */
public final class CheckpointFormatException extends IOException {
    public CheckpointFormatException(String message) { super(message); }

    public CheckpointFormatException(String message, Throwable cause) { super(message, cause); }
}

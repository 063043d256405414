package dev.kiln.ir.type;

/** Where a tensor lives: the CPU, or one CUDA device by index. Parsed from PyTorch's strings ({@code "cuda:0"}). */
public record Device(Kind kind, int index) {

    /** The device families Kiln knows. */
    public enum Kind { CPU, CUDA }

    public static final Device CPU = new Device(Kind.CPU, -1);

    public Device {
        if (kind == Kind.CPU && index > 0) {
            throw new IllegalArgumentException("CPU device index should be -1 or zero, got " + index);
        }
        if (kind == Kind.CPU) {
            index = -1;
        }
    }

    public static Device cuda(int index) { return new Device(Kind.CUDA, index); }

    public static Device parse(String spec) {
        String s = spec.trim();
        int colon = s.indexOf(':');
        String type = colon < 0 ? s : s.substring(0, colon);
        int index = -1;
        if (colon >= 0) {
            try {
                index = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid device string: '" + spec + "'");
            }
        }
        return switch (type) {
            case "cpu" -> new Device(Kind.CPU, index);
            case "cuda" -> new Device(Kind.CUDA, index < 0 ? 0 : index);
            default -> throw new IllegalArgumentException(
                    "Expected one of cpu, cuda device type at start of device string: " + spec);
        };
    }

    public boolean isCuda() { return kind == Kind.CUDA; }

    @Override
    public String toString() { return kind == Kind.CPU ? "cpu" : "cuda:" + index; }
}

package dev.kiln.ir.type;

/**
 * The element types of tensors, named and ordered like PyTorch's ScalarType. Each dtype knows its
 * category (bool, integral, floating), its item size and the Java array that stores it on the CPU.
 */
public enum DType {
    UINT8("uint8", "Byte", 1, Category.INTEGRAL, Storage.BYTE),
    INT8("int8", "Char", 1, Category.INTEGRAL, Storage.BYTE),
    INT16("int16", "Short", 2, Category.INTEGRAL, Storage.SHORT),
    INT32("int32", "Int", 4, Category.INTEGRAL, Storage.INT),
    INT64("int64", "Long", 8, Category.INTEGRAL, Storage.LONG),
    FLOAT16("float16", "Half", 2, Category.FLOATING, Storage.SHORT),
    FLOAT32("float32", "Float", 4, Category.FLOATING, Storage.FLOAT),
    FLOAT64("float64", "Double", 8, Category.FLOATING, Storage.DOUBLE),
    BOOL("bool", "Bool", 1, Category.BOOL, Storage.BYTE),
    BFLOAT16("bfloat16", "BFloat16", 2, Category.FLOATING, Storage.SHORT);

    /** Kind of value a dtype holds, in PyTorch's promotion order (bool < integral < floating). */
    public enum Category { BOOL, INTEGRAL, FLOATING }

    /** The Java primitive array backing a CPU tensor of this dtype. */
    public enum Storage { BYTE, SHORT, INT, LONG, FLOAT, DOUBLE }

    private final String pyName;
    private final String legacyName;
    private final int itemSize;
    private final Category category;
    private final Storage storage;

    DType(String pyName, String legacyName, int itemSize, Category category, Storage storage) {
        this.pyName = pyName;
        this.legacyName = legacyName;
        this.itemSize = itemSize;
        this.category = category;
        this.storage = storage;
    }

    /** The name PyTorch prints after {@code torch.}, e.g. {@code float32}. */
    public String pyName() { return pyName; }

    /** The legacy tensor type prefix used in messages like {@code FloatTensor} and in IR types like {@code Float(3)}. */
    public String legacyName() { return legacyName; }

    public int itemSize() { return itemSize; }

    public Category category() { return category; }

    public Storage storage() { return storage; }

    public boolean isFloatingPoint() { return category == Category.FLOATING; }

    public boolean isIntegral(boolean includeBool) {
        return category == Category.INTEGRAL || (includeBool && category == Category.BOOL);
    }

    public boolean isBool() { return this == BOOL; }

    /** True for the 16-bit floats, which are stored as raw bits and computed in float32. */
    public boolean isReducedFloat() { return this == FLOAT16 || this == BFLOAT16; }

    /** Parses {@code float32}, {@code torch.float32} and the aliases {@code float}, {@code double}, {@code long}, {@code int}, {@code half}. */
    public static DType parse(String name) {
        String n = name.startsWith("torch.") ? name.substring(6) : name;
        return switch (n) {
            case "float", "float32" -> FLOAT32;
            case "double", "float64" -> FLOAT64;
            case "half", "float16" -> FLOAT16;
            case "bfloat16" -> BFLOAT16;
            case "long", "int64" -> INT64;
            case "int", "int32" -> INT32;
            case "short", "int16" -> INT16;
            case "int8" -> INT8;
            case "uint8" -> UINT8;
            case "bool" -> BOOL;
            default -> throw new IllegalArgumentException("unknown dtype '" + name + "'");
        };
    }

    /** The dtype with PyTorch's ScalarType number (TorchScript passes dtypes as ints: {@code dtype=4} is int64). */
    public static DType fromScalarType(long index) {
        return switch ((int) index) {
            case 0 -> UINT8;
            case 1 -> INT8;
            case 2 -> INT16;
            case 3 -> INT32;
            case 4 -> INT64;
            case 5 -> FLOAT16;
            case 6 -> FLOAT32;
            case 7 -> FLOAT64;
            case 11 -> BOOL;
            case 15 -> BFLOAT16;
            default -> throw new IllegalArgumentException("unsupported ScalarType number " + index);
        };
    }

    @Override
    public String toString() { return "torch." + pyName; }
}

package dev.kiln.io;

import dev.kiln.ir.type.DType;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The globals a checkpoint's pickle may name, mirroring {@code _get_allowed_globals()} of PyTorch 1.13's
 * {@code torch/_weights_only_unpickler.py}: OrderedDict, Parameter, torch.Size, the tensor rebuild functions, the
 * storage classes and dtypes; plus the set, frozenset and {@code _codecs.encode} (bytes) that protocol 2 pickles
 * of plain Python values use, which call no user code. Names on PyTorch's list that Kiln cannot represent
 * (sparse, meta and quantized tensors, complex dtypes, legacy tensor classes) get an error that says so; any other
 * name is refused without being looked up.
 */
final class AllowList {
    private AllowList() {}

    /** The allowed functions and classes a REDUCE or NEWOBJ may call. */
    enum Callable {
        ORDERED_DICT("collections.OrderedDict"), PARAMETER("torch.nn.parameter.Parameter"), SIZE("torch.Size"),
        REBUILD_TENSOR_V2("torch._utils._rebuild_tensor_v2"), REBUILD_TENSOR("torch._utils._rebuild_tensor"),
        REBUILD_PARAMETER("torch._utils._rebuild_parameter"), SET("builtins.set"), FROZENSET("builtins.frozenset"),
        CODECS_ENCODE("_codecs.encode");

        private final String pythonName;

        Callable(String pythonName) { this.pythonName = pythonName; }

        String pythonName() { return pythonName; }
    }

    /** A storage class such as {@code torch.FloatStorage}: the dtype of the elements its persistent ids count. */
    record StorageClass(String pythonName, DType dtype) {}

    private static final Map<String, Object> ALLOWED = new HashMap<>();
    private static final Set<String> UNSUPPORTED_REBUILDS = Set.of("torch._utils._rebuild_sparse_tensor",
            "torch._utils._rebuild_sparse_csr_tensor", "torch._utils._rebuild_meta_tensor_no_storage",
            "torch.serialization._get_layout", "torch.Tensor");

    static {
        for (Callable c : Callable.values()) ALLOWED.put(c.pythonName(), c);
        ALLOWED.put("__builtin__.set", Callable.SET);
        ALLOWED.put("__builtin__.frozenset", Callable.FROZENSET);
        for (DType d : DType.values()) {
            ALLOWED.put("torch." + d.pyName(), d);
            for (String module : new String[] {"torch.", "torch.cuda."}) {
                String name = module + d.legacyName() + "Storage";
                ALLOWED.put(name, new StorageClass(name, d));
            }
        }
        ALLOWED.put("torch.UntypedStorage", new StorageClass("torch.UntypedStorage", DType.UINT8));
    }

    /** The value GLOBAL {@code module name} stands for: a {@link Callable}, a {@link StorageClass} or a {@link DType}. */
    static Object resolve(String module, String name, PickleReader.Failure failure) throws CheckpointFormatException {
        String full = module + "." + name;
        if (full.length() > 200) full = full.substring(0, 200) + "...";
        Object allowed = ALLOWED.get(full);
        if (allowed != null) return allowed;
        if (UNSUPPORTED_REBUILDS.contains(full)) {
            throw failure.fail("global " + full + " is allowed by torch.load(weights_only=True) but Kiln cannot represent it "
                    + "(Kiln reads dense strided tensors only)");
        }
        if (module.startsWith("torch") && (name.startsWith("Complex") || name.startsWith("QInt") || name.startsWith("QUInt")
                || name.startsWith("complex") || name.endsWith("Tensor"))) {
            throw failure.fail("global " + full + " is allowed by torch.load(weights_only=True) but Kiln has no such dtype or tensor class");
        }
        throw failure.fail("global " + full + " is not allowed: like torch.load(weights_only=True), Kiln only unpickles tensors, "
                + "storages, dtypes, OrderedDict, torch.Size and plain Python values");
    }
}

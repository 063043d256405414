package dev.kiln.io;

import dev.kiln.Tensor;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An allow-list unpickler for {@code data.pkl}, after PyTorch 1.13's {@code torch/_weights_only_unpickler.py}: it
 * never looks a class up by name. GLOBAL and STACK_GLOBAL resolve only the names of {@link AllowList}; REDUCE calls
 * only those, NEWOBJ builds only {@code Parameter}s, BUILD updates only OrderedDicts, and persistent ids only name
 * storages, which the {@link StorageLoader} reads from the archive. The data opcodes of protocols 2 to 5 are read
 * (text-mode protocol 0 and 1 opcodes are refused). The reader is iterative and bounded by its input: lengths are
 * checked against the bytes left before anything is allocated, dict keys must be scalars (or small tuples of them),
 * and the result may not contain itself or nest deeper than {@link Pickle#MAX_DEPTH}. Every problem is a
 * {@link CheckpointFormatException} naming the entry, the byte offset and, for globals, the class.
 */
final class PickleReader {
    /** Reads the storage with persistent id {@code key} from the archive: {@code numel} elements of {@code dtype}. */
    interface StorageLoader {
        Storage load(String key, DType dtype, long numel) throws IOException;
    }

    /** Makes the error for a problem at the current opcode. */
    interface Failure {
        CheckpointFormatException fail(String problem);
    }

    /** What a persistent id resolves to: one loaded storage, shared by every tensor that names its key. */
    private record StorageRef(String key, DType dtype, long numel, Storage storage) {}

    private static final int MAX_INT_BYTES = 1024, MAX_KEY_TUPLE = 64;

    private final byte[] in;
    private final String where;
    private final StorageLoader loader;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private final Map<String, StorageRef> storages = new HashMap<>();
    private int at, opcodeAt;

    private PickleReader(byte[] in, String where, StorageLoader loader) {
        this.in = in;
        this.where = where;
        this.loader = loader;
    }

    /** Unpickles {@code pickle}; {@code where} names it in errors (file and entry). */
    static Object read(byte[] pickle, String where, StorageLoader loader) throws IOException {
        PickleReader r = new PickleReader(pickle, where, loader);
        Object result;
        try {
            result = r.run();
        } catch (CheckpointFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw r.fail("malformed pickle (" + e + ")");
        }
        ResultCheck.check(result, r::fail);
        return result;
    }

    private Object run() throws IOException {
        while (true) {
            opcodeAt = at;
            int op = u8();
            switch (op) {
                case Pickle.PROTO -> {
                    int version = u8();
                    if (version < 2 || version > 5) throw fail("unsupported pickle protocol " + version);
                }
                case Pickle.FRAME -> skip(8);
                case Pickle.STOP -> {
                    if (!marks.isEmpty()) throw fail("STOP inside an unclosed MARK");
                    return pop();
                }
                case Pickle.MARK -> marks.add(stack.size());
                case Pickle.POP -> pop();
                case Pickle.POP_MARK -> popMark();
                case Pickle.DUP -> push(top());
                case Pickle.NONE -> push(null);
                case Pickle.NEWTRUE -> push(Boolean.TRUE);
                case Pickle.NEWFALSE -> push(Boolean.FALSE);
                case Pickle.BININT -> push((long) little(4).getInt());
                case Pickle.BININT1 -> push((long) u8());
                case Pickle.BININT2 -> push((long) (little(2).getShort() & 0xFFFF));
                case Pickle.LONG1 -> push(decodeLong(u8()));
                case Pickle.LONG4 -> push(decodeLong(length(4)));
                case Pickle.BINFLOAT -> push(ByteBuffer.wrap(bytes(8)).getDouble());
                case Pickle.BINUNICODE, Pickle.BINSTRING -> push(utf8(bytes(length(4))));
                case Pickle.SHORT_BINUNICODE, Pickle.SHORT_BINSTRING -> push(utf8(bytes(u8())));
                case Pickle.BINUNICODE8 -> push(utf8(bytes(length(8))));
                case Pickle.BINBYTES -> push(bytes(length(4)));
                case Pickle.SHORT_BINBYTES -> push(bytes(u8()));
                case Pickle.BINBYTES8 -> push(bytes(length(8)));
                case Pickle.EMPTY_TUPLE -> push(new Tuple(List.of()));
                case Pickle.TUPLE -> push(new Tuple(popMark()));
                case Pickle.TUPLE1, Pickle.TUPLE2, Pickle.TUPLE3 -> {
                    int n = op - Pickle.TUPLE1 + 1;
                    Object[] items = new Object[n];
                    for (int i = n - 1; i >= 0; i--) items[i] = pop();
                    push(Tuple.of(items));
                }
                case Pickle.EMPTY_LIST -> push(new ArrayList<>());
                case Pickle.LIST -> push(new ArrayList<>(popMark()));
                case Pickle.APPEND -> {
                    Object item = pop();
                    list(top()).add(item);
                }
                case Pickle.APPENDS -> {
                    List<Object> items = popMark();
                    list(top()).addAll(items);
                }
                case Pickle.EMPTY_DICT -> push(new LinkedHashMap<>());
                case Pickle.DICT -> {
                    Map<Object, Object> d = new LinkedHashMap<>();
                    putAll(d, popMark());
                    push(d);
                }
                case Pickle.SETITEM -> {
                    Object value = pop(), key = pop();
                    dict(top()).put(key(key), value);
                }
                case Pickle.SETITEMS -> {
                    List<Object> items = popMark();
                    putAll(dict(top()), items);
                }
                case Pickle.EMPTY_SET -> push(new LinkedHashSet<>());
                case Pickle.ADDITEMS -> {
                    List<Object> items = popMark();
                    if (!(top() instanceof LinkedHashSet<?>)) throw fail("ADDITEMS on a " + typeName(top()) + ", not a set");
                    @SuppressWarnings("unchecked") Set<Object> set = (Set<Object>) top();
                    for (Object x : items) set.add(key(x));
                }
                case Pickle.FROZENSET -> push(frozenSet(popMark()));
                case Pickle.GLOBAL -> push(AllowList.resolve(line(), line(), this::fail));
                case Pickle.STACK_GLOBAL -> {
                    Object name = pop(), module = pop();
                    if (!(module instanceof String m && name instanceof String n)) throw fail("STACK_GLOBAL needs two strings");
                    push(AllowList.resolve(m, n, this::fail));
                }
                case Pickle.REDUCE -> {
                    Tuple args = tuple(pop(), "REDUCE arguments");
                    push(call(pop(), args));
                }
                case Pickle.NEWOBJ -> {
                    Tuple args = tuple(pop(), "NEWOBJ arguments");
                    Object cls = pop();
                    if (cls != AllowList.Callable.PARAMETER) throw fail("NEWOBJ may only build torch.nn.Parameter, not " + typeName(cls));
                    push(parameter(args, 1));
                }
                case Pickle.BUILD -> build(pop(), top());
                case Pickle.BINPERSID -> push(persistentLoad(pop()));
                case Pickle.BINGET -> push(memoGet(u8()));
                case Pickle.LONG_BINGET -> push(memoGet(little(4).getInt() & 0xFFFFFFFFL));
                case Pickle.BINPUT -> memo.put((long) u8(), top());
                case Pickle.LONG_BINPUT -> memo.put(little(4).getInt() & 0xFFFFFFFFL, top());
                case Pickle.MEMOIZE -> memo.put((long) memo.size(), top());
                default -> throw fail("unsupported pickle opcode 0x" + Integer.toHexString(op)
                        + (op >= 0x20 && op < 0x7f ? " ('" + (char) op + "')" : "") + " (torch.save writes protocol 2)");
            }
        }
    }

    private Object call(Object function, Tuple args) throws IOException {
        if (!(function instanceof AllowList.Callable f)) throw fail("REDUCE calls " + typeName(function) + ", which is not callable");
        return switch (f) {
            case ORDERED_DICT -> {
                OrderedDict d = new OrderedDict();
                if (args.size() > 1) throw fail("OrderedDict takes at most one argument, got " + args.size());
                if (args.size() == 1) {
                    for (Object pair : items(args.get(0), "OrderedDict's items")) {
                        List<Object> kv = items(pair, "an OrderedDict item");
                        if (kv.size() != 2) throw fail("an OrderedDict item has " + kv.size() + " elements, not 2");
                        d.put(key(kv.get(0)), kv.get(1));
                    }
                }
                yield d;
            }
            case SIZE -> {
                if (args.size() != 1) throw fail("torch.Size takes one argument, got " + args.size());
                yield new Tuple(items(args.get(0), "torch.Size's sizes"));
            }
            case SET, FROZENSET -> {
                if (args.size() > 1) throw fail("set takes at most one argument, got " + args.size());
                List<Object> items = args.size() == 0 ? List.of() : items(args.get(0), "set's items");
                if (f == AllowList.Callable.FROZENSET) yield frozenSet(items);
                Set<Object> set = new LinkedHashSet<>();
                for (Object x : items) set.add(key(x));
                yield set;
            }
            case CODECS_ENCODE -> {
                if (args.size() != 2 || !(args.get(0) instanceof String text) || !("latin1".equals(args.get(1)) || "latin-1".equals(args.get(1)))) {
                    throw fail("_codecs.encode is only allowed as encode(str, 'latin1'), the way protocol 2 pickles bytes");
                }
                for (int i = 0; i < text.length(); i++) if (text.charAt(i) > 0xFF) throw fail("_codecs.encode: text is not latin-1");
                yield text.getBytes(StandardCharsets.ISO_8859_1);
            }
            case REBUILD_TENSOR_V2 -> {
                if (args.size() != 6 && args.size() != 7) throw fail("_rebuild_tensor_v2 takes 6 or 7 arguments, got " + args.size());
                if (args.size() == 7 && args.get(6) != null && !(args.get(6) instanceof Map<?, ?> m && m.isEmpty())) {
                    throw fail("_rebuild_tensor_v2: tensor metadata " + args.get(6) + " is not supported");
                }
                yield tensor(args, requiresGrad(args.get(4)));
            }
            case REBUILD_TENSOR -> {
                if (args.size() != 4) throw fail("_rebuild_tensor takes 4 arguments, got " + args.size());
                yield tensor(args, false);
            }
            case REBUILD_PARAMETER -> {
                if (args.size() != 3) throw fail("_rebuild_parameter takes 3 arguments, got " + args.size());
                yield parameter(args, 1);
            }
            case PARAMETER -> throw fail("torch.nn.Parameter may only be built with NEWOBJ or _rebuild_parameter");
        };
    }

    /** {@code Parameter(data, requires_grad)}: a new tensor over the same data; requires_grad defaults to true. */
    private Tensor parameter(Tuple args, int requiresGradAt) throws CheckpointFormatException {
        if (args.size() < 1 || !(args.get(0) instanceof Tensor data)) throw fail("a Parameter needs a tensor as its data");
        boolean requiresGrad = args.size() <= requiresGradAt || requiresGrad(args.get(requiresGradAt));
        return withRequiresGrad(new Tensor(data.data()), requiresGrad);
    }

    private Tensor tensor(Tuple args, boolean requiresGrad) throws CheckpointFormatException {
        if (!(args.get(0) instanceof StorageRef s)) throw fail("a tensor's storage is a " + typeName(args.get(0)) + ", not a persistent storage id");
        long offset = nonNegative(args.get(1), "storage offset");
        long[] sizes = longs(args.get(2), "size"), strides = longs(args.get(3), "stride");
        if (sizes.length != strides.length) throw fail("a tensor has " + sizes.length + " sizes but " + strides.length + " strides");
        long numel = 1, last = offset;
        try {
            for (int d = 0; d < sizes.length; d++) {
                numel = Math.multiplyExact(numel, sizes[d]);
                if (sizes[d] > 0) last = Math.addExact(last, Math.multiplyExact(sizes[d] - 1, strides[d]));
            }
        } catch (ArithmeticException e) {
            throw fail("tensor geometry overflows (size " + java.util.Arrays.toString(sizes) + ", stride " + java.util.Arrays.toString(strides) + ")");
        }
        if (numel > 0 ? last >= s.numel() : offset > s.numel()) {
            throw fail("a tensor of size " + java.util.Arrays.toString(sizes) + ", stride " + java.util.Arrays.toString(strides) + " and offset "
                    + offset + " reaches element " + last + " of storage " + s.key() + ", which holds " + s.numel());
        }
        return withRequiresGrad(new Tensor(new TensorData(s.dtype(), s.storage(), sizes, strides, offset)), requiresGrad);
    }

    private Tensor withRequiresGrad(Tensor t, boolean requiresGrad) throws CheckpointFormatException {
        if (requiresGrad && !t.isFloatingPoint()) throw fail("a " + t.dtype() + " tensor cannot require grad (only floating point tensors can)");
        return requiresGrad ? t.requiresGrad_() : t;
    }

    private Object persistentLoad(Object pid) throws IOException {
        Tuple id = tuple(pid, "a persistent id");
        if (id.size() != 5 || !"storage".equals(id.get(0))) throw fail("only persistent ids ('storage', type, key, location, numel) are allowed, got " + id);
        if (!(id.get(1) instanceof AllowList.StorageClass type)) throw fail("persistent id names " + typeName(id.get(1)) + ", not a storage class");
        if (!(id.get(2) instanceof String key) || !(id.get(3) instanceof String)) throw fail("a storage's key and location must be strings");
        long numel = nonNegative(id.get(4), "storage size");
        StorageRef known = storages.get(key);
        if (known != null) {
            if (known.dtype() != type.dtype()) throw fail("storage " + key + " is used as " + known.dtype() + " and as " + type.dtype());
            return known;
        }
        StorageRef loaded = new StorageRef(key, type.dtype(), numel, loader.load(key, type.dtype(), numel));
        storages.put(key, loaded);
        return loaded;
    }

    private void build(Object state, Object instance) throws CheckpointFormatException {
        if (!(instance instanceof OrderedDict d)) throw fail("BUILD may only set the attributes of an OrderedDict, not of a " + typeName(instance));
        if (!(state instanceof Map<?, ?> m)) throw fail("an OrderedDict's state is a " + typeName(state) + ", not a dict");
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String name)) throw fail("an attribute name is a " + typeName(e.getKey()));
            d.attributes().put(name, e.getValue());
        }
    }

    private Set<Object> frozenSet(List<Object> items) throws CheckpointFormatException {
        Set<Object> set = new LinkedHashSet<>();
        for (Object x : items) set.add(key(x));
        return Collections.unmodifiableSet(set);
    }

    private void putAll(Map<Object, Object> d, List<Object> items) throws CheckpointFormatException {
        if (items.size() % 2 != 0) throw fail("odd number of items (" + items.size() + ") for a dict");
        for (int i = 0; i < items.size(); i += 2) d.put(key(items.get(i)), items.get(i + 1));
    }

    /** Dict keys and set items must be scalars or small tuples of scalars, so hashing them costs little. */
    private Object key(Object k) throws CheckpointFormatException {
        if (isScalar(k)) return k;
        if (k instanceof Tuple t && t.size() <= MAX_KEY_TUPLE && t.items().stream().allMatch(PickleReader::isScalar)) return k;
        throw fail("unsupported dict key or set item of type " + typeName(k));
    }

    private static boolean isScalar(Object k) {
        return k == null || k instanceof String || k instanceof Long || k instanceof Double || k instanceof Boolean
                || k instanceof BigInteger || k instanceof DType;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o) throws CheckpointFormatException {
        if (o instanceof ArrayList<?>) return (List<Object>) o;
        throw fail("APPEND to a " + typeName(o) + ", not a list");
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o) throws CheckpointFormatException {
        if (o instanceof LinkedHashMap<?, ?>) return (Map<Object, Object>) o;
        throw fail("SETITEM on a " + typeName(o) + ", not a dict");
    }

    private Tuple tuple(Object o, String what) throws CheckpointFormatException {
        if (o instanceof Tuple t) return t;
        throw fail(what + " must be a tuple, got a " + typeName(o));
    }

    private List<Object> items(Object o, String what) throws CheckpointFormatException {
        if (o instanceof Tuple t) return t.items();
        if (o instanceof ArrayList<?> l) return new ArrayList<>(l);
        throw fail(what + " must be a tuple or list, got a " + typeName(o));
    }

    private long[] longs(Object o, String what) throws CheckpointFormatException {
        List<Object> items = items(o, "a tensor's " + what);
        long[] v = new long[items.size()];
        for (int i = 0; i < v.length; i++) v[i] = nonNegative(items.get(i), what);
        return v;
    }

    private long nonNegative(Object o, String what) throws CheckpointFormatException {
        if (o instanceof Long l && l >= 0) return l;
        throw fail("a " + what + " must be a non-negative int, got " + (o instanceof Long ? o : typeName(o)));
    }

    private boolean requiresGrad(Object o) throws CheckpointFormatException {
        if (o instanceof Boolean b) return b;
        throw fail("requires_grad must be a bool, got a " + typeName(o));
    }

    static String typeName(Object o) {
        return switch (o) {
            case null -> "None";
            case AllowList.Callable c -> "global " + c.pythonName();
            case AllowList.StorageClass s -> "storage class " + s.pythonName();
            case StorageRef s -> "storage";
            default -> o.getClass().getSimpleName();
        };
    }

    private Object memoGet(long index) throws CheckpointFormatException {
        if (!memo.containsKey(index)) throw fail("memo entry " + index + " was never stored");
        return memo.get(index);
    }

    private void push(Object o) { stack.add(o); }

    private Object top() throws CheckpointFormatException {
        if (stack.size() <= (marks.isEmpty() ? 0 : marks.getLast())) throw fail("stack underflow");
        return stack.getLast();
    }

    private Object pop() throws CheckpointFormatException {
        top();
        return stack.removeLast();
    }

    private List<Object> popMark() throws CheckpointFormatException {
        if (marks.isEmpty()) throw fail("no MARK to pop to");
        int from = marks.removeLast();
        List<Object> view = stack.subList(from, stack.size());
        List<Object> items = new ArrayList<>(view);
        view.clear();
        return items;
    }

    private int u8() throws CheckpointFormatException {
        need(1);
        return in[at++] & 0xFF;
    }

    private ByteBuffer little(int n) throws CheckpointFormatException { return ByteBuffer.wrap(bytes(n)).order(ByteOrder.LITTLE_ENDIAN); }

    /** A length field of {@code n} bytes, checked against the bytes left before anything is allocated. */
    private int length(int n) throws CheckpointFormatException {
        ByteBuffer b = little(n);
        long length = n == 4 ? b.getInt() & 0xFFFFFFFFL : b.getLong();
        if (length < 0 || length > in.length - at) throw fail("a length of " + length + " exceeds the " + (in.length - at) + " bytes left");
        return (int) length;
    }

    private byte[] bytes(int n) throws CheckpointFormatException {
        need(n);
        byte[] b = java.util.Arrays.copyOfRange(in, at, at + n);
        at += n;
        return b;
    }

    private void skip(int n) throws CheckpointFormatException {
        need(n);
        at += n;
    }

    private void need(int n) throws CheckpointFormatException {
        if (n > in.length - at) throw fail("the pickle ends early (" + n + " more bytes needed, " + (in.length - at) + " left)");
    }

    private String line() throws CheckpointFormatException {
        for (int i = at; i < in.length; i++) {
            if (in[i] == '\n') {
                String s = new String(in, at, i - at, StandardCharsets.UTF_8);
                at = i + 1;
                return s;
            }
        }
        throw fail("the pickle ends inside a GLOBAL name");
    }

    private static String utf8(byte[] b) { return new String(b, StandardCharsets.UTF_8); }

    private Object decodeLong(int n) throws CheckpointFormatException {
        if (n > MAX_INT_BYTES) throw fail("an integer of " + n + " bytes is larger than Kiln accepts");
        byte[] b = bytes(n);
        if (n == 0) return 0L;
        byte[] big = new byte[n];
        for (int i = 0; i < n; i++) big[i] = b[n - 1 - i];
        BigInteger v = new BigInteger(big);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    CheckpointFormatException fail(String problem) {
        return new CheckpointFormatException(where + " at byte " + opcodeAt + ": " + problem);
    }
}

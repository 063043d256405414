package dev.kiln.io;

import dev.kiln.Tensor;
import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.Device;
import dev.kiln.runtime.memory.Storage;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pickles a value (protocol 2) the way {@code torch.save}'s pickler does: tensors as
 * {@code torch._utils._rebuild_tensor_v2} calls over persistent storage ids ({@code ('storage', torch.FloatStorage,
 * key, 'cpu', numel)}), one key per distinct storage, so views of one storage stay views of one storage;
 * containers memoized before their items, so a container reached twice is one object after loading.
 * {@link Checkpoints} documents which Java types stand for which Python ones.
 */
final class PickleWriter {
    /** A storage to write as {@code data/<key>}: its dtype is the dtype of the tensors viewing it. */
    record StorageRecord(String key, DType dtype, Storage storage) {}

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<Object, Integer> memo = new IdentityHashMap<>();
    private final Map<String, Integer> stringMemo = new HashMap<>();
    private final Map<Storage, StorageRecord> storages = new IdentityHashMap<>();
    private final Set<Object> onPath = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Object> path = new ArrayList<>();

    /** Pickles {@code value}; {@link #storages()} then lists the storages its tensors view, in key order. */
    static PickleWriter pickle(Object value) {
        PickleWriter w = new PickleWriter();
        w.out.write(Pickle.PROTO);
        w.out.write(2);
        w.save(value);
        w.out.write(Pickle.STOP);
        return w;
    }

    byte[] bytes() { return out.toByteArray(); }

    List<StorageRecord> storages() { return new ArrayList<>(storages.values()); }

    private void save(Object v) {
        switch (v) {
            case null -> out.write(Pickle.NONE);
            case Boolean b -> out.write(b ? Pickle.NEWTRUE : Pickle.NEWFALSE);
            case Long l -> saveInt(l);
            case Integer i -> saveInt(i);
            case Short s -> saveInt(s);
            case Byte b -> saveInt(b);
            case BigInteger b -> saveBig(b);
            case Double d -> saveFloat(d);
            case Float f -> saveFloat(f);
            case String s -> saveString(s);
            case byte[] b -> saveBytes(b);
            case DType d -> saveGlobal("torch", d.pyName());
            default -> saveContainer(v);
        }
    }

    private void saveContainer(Object v) {
        if (onPath.contains(v)) throw unsupported("a container that contains itself (Kiln's load refuses those)");
        Integer memoized = memo.get(v);
        if (memoized != null) {
            get(memoized);
            return;
        }
        onPath.add(v);
        if (onPath.size() > Pickle.MAX_DEPTH) throw unsupported("nesting deeper than " + Pickle.MAX_DEPTH + " levels");
        switch (v) {
            case Tensor t -> saveTensor(t);
            case Tuple t -> saveTuple(t.items());
            case List<?> l -> {
                out.write(Pickle.EMPTY_LIST);
                put(v);
                batched(l, Pickle.APPEND, Pickle.APPENDS, (x, i) -> saveChild(x, i));
            }
            case OrderedDict d -> {
                saveGlobal("collections", "OrderedDict");
                out.write(Pickle.EMPTY_TUPLE);
                out.write(Pickle.REDUCE);
                put(v);
                saveItems(d);
                if (!d.attributes().isEmpty()) {
                    saveChild(new LinkedHashMap<>(d.attributes()), "__dict__");
                    out.write(Pickle.BUILD);
                }
            }
            case Map<?, ?> m -> {
                out.write(Pickle.EMPTY_DICT);
                put(v);
                saveItems(m);
            }
            case Set<?> s -> {
                saveGlobal("__builtin__", "set");
                out.write(Pickle.EMPTY_LIST);
                batched(s, Pickle.APPEND, Pickle.APPENDS, (x, i) -> saveChild(x, i));
                out.write(Pickle.TUPLE1);
                out.write(Pickle.REDUCE);
                put(v);
            }
            default -> throw unsupported("a " + v.getClass().getName() + " (supported: null, Boolean, Long, Integer, Short, Byte, "
                    + "BigInteger, Double, Float, String, byte[], DType, Tensor, Tuple, List, Map, Set)");
        }
        onPath.remove(v);
    }

    /** Saves an item of a container, keeping the path to it for error messages. */
    private void saveChild(Object item, Object step) {
        path.add(step);
        save(item);
        path.removeLast();
    }

    private void saveItems(Map<?, ?> m) {
        batched(m.entrySet(), Pickle.SETITEM, Pickle.SETITEMS, (e, i) -> {
            Map.Entry<?, ?> entry = (Map.Entry<?, ?>) e;
            saveChild(entry.getKey(), "key " + entry.getKey());
            saveChild(entry.getValue(), entry.getKey());
        });
    }

    private interface ItemWriter {
        void write(Object item, int index);
    }

    /** Python's batching: items in MARK ... APPENDS/SETITEMS groups of 1000, a lone item with APPEND/SETITEM. */
    private void batched(Collection<?> items, int one, int many, ItemWriter writer) {
        Iterator<?> it = items.iterator();
        int index = 0;
        while (it.hasNext()) {
            int n = Math.min(1000, items.size() - index);
            if (n > 1) out.write(Pickle.MARK);
            for (int i = 0; i < n && it.hasNext(); i++) writer.write(it.next(), index++);
            out.write(n > 1 ? many : one);
        }
    }

    private void saveTuple(List<Object> items) {
        if (items.isEmpty()) {
            out.write(Pickle.EMPTY_TUPLE);
            return;
        }
        if (items.size() > 3) out.write(Pickle.MARK);
        for (int i = 0; i < items.size(); i++) saveChild(items.get(i), i);
        out.write(switch (items.size()) {
            case 1 -> Pickle.TUPLE1;
            case 2 -> Pickle.TUPLE2;
            case 3 -> Pickle.TUPLE3;
            default -> Pickle.TUPLE;
        });
    }

    private void saveTensor(Tensor t) {
        Storage storage = t.data().storage();
        if (!t.device().equals(Device.CPU)) throw unsupported("a tensor on " + t.device() + " (Kiln saves CPU tensors)");
        StorageRecord record = storages.computeIfAbsent(storage, s -> new StorageRecord(Integer.toString(storages.size()), t.dtype(), s));
        if (record.dtype() != t.dtype()) {
            throw unsupported("tensors that view one storage as different dtypes (" + record.dtype() + " and " + t.dtype()
                    + "), which torch.save cannot save either");
        }
        saveGlobal("torch._utils", "_rebuild_tensor_v2");
        out.write(Pickle.MARK);
        out.write(Pickle.MARK);
        saveString("storage");
        saveGlobal("torch", t.dtype().legacyName() + "Storage");
        saveString(record.key());
        saveString("cpu");
        saveInt(storage.length());
        out.write(Pickle.TUPLE);
        out.write(Pickle.BINPERSID);
        saveInt(t.storageOffset());
        saveLongs(t.sizes());
        saveLongs(t.data().strides());
        out.write(t.requiresGrad() ? Pickle.NEWTRUE : Pickle.NEWFALSE);
        saveGlobal("collections", "OrderedDict");
        out.write(Pickle.EMPTY_TUPLE);
        out.write(Pickle.REDUCE);
        out.write(Pickle.TUPLE);
        out.write(Pickle.REDUCE);
        put(t);
    }

    private void saveLongs(long[] values) {
        List<Object> items = new ArrayList<>(values.length);
        for (long v : values) items.add(v);
        saveTuple(items);
    }

    private void saveInt(long v) {
        if (v >= 0 && v <= 0xFF) {
            out.write(Pickle.BININT1);
            out.write((int) v);
        } else if (v >= 0 && v <= 0xFFFF) {
            out.write(Pickle.BININT2);
            out.write((int) v & 0xFF);
            out.write((int) (v >> 8) & 0xFF);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write(Pickle.BININT);
            writeLittle(v, 4);
        } else {
            saveBig(BigInteger.valueOf(v));
        }
    }

    /** LONG1 / LONG4: the shortest little-endian two's complement bytes, as Python's encode_long. */
    private void saveBig(BigInteger v) {
        if (v.bitLength() < 32) {
            saveInt(v.longValue());
            return;
        }
        byte[] big = v.toByteArray();
        if (big.length < 256) {
            out.write(Pickle.LONG1);
            out.write(big.length);
        } else {
            out.write(Pickle.LONG4);
            writeLittle(big.length, 4);
        }
        for (int i = big.length - 1; i >= 0; i--) out.write(big[i]);
    }

    private void saveFloat(double d) {
        out.write(Pickle.BINFLOAT);
        long bits = Double.doubleToRawLongBits(d);
        for (int i = 7; i >= 0; i--) out.write((int) (bits >>> (8 * i)) & 0xFF);
    }

    private void saveString(String s) {
        Integer memoized = stringMemo.get(s);
        if (memoized != null) {
            get(memoized);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.write(Pickle.BINUNICODE);
        writeLittle(utf8.length, 4);
        out.writeBytes(utf8);
        int index = memo.size() + stringMemo.size();
        stringMemo.put(s, index);
        putIndex(index);
    }

    /** Protocol 2 has no bytes opcode: Python writes {@code _codecs.encode(latin-1 text, 'latin1')}. */
    private void saveBytes(byte[] b) {
        saveGlobal("_codecs", "encode");
        out.write(Pickle.BINUNICODE);
        byte[] utf8 = new String(b, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
        writeLittle(utf8.length, 4);
        out.writeBytes(utf8);
        saveString("latin1");
        out.write(Pickle.TUPLE2);
        out.write(Pickle.REDUCE);
    }

    private void saveGlobal(String module, String name) {
        String key = "\0global " + module + "\n" + name;
        Integer memoized = stringMemo.get(key);
        if (memoized != null) {
            get(memoized);
            return;
        }
        out.write(Pickle.GLOBAL);
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        int index = memo.size() + stringMemo.size();
        stringMemo.put(key, index);
        putIndex(index);
    }

    private void put(Object v) {
        int index = memo.size() + stringMemo.size();
        memo.put(v, index);
        putIndex(index);
    }

    private void putIndex(int index) { memoOp(Pickle.BINPUT, Pickle.LONG_BINPUT, index); }

    private void get(int index) { memoOp(Pickle.BINGET, Pickle.LONG_BINGET, index); }

    /** A memo opcode with a one-byte index where it fits, else its four-byte form. */
    private void memoOp(int oneByte, int fourBytes, int index) {
        if (index < 256) {
            out.write(oneByte);
            out.write(index);
        } else {
            out.write(fourBytes);
            writeLittle(index, 4);
        }
    }

    private void writeLittle(long v, int bytes) {
        for (int i = 0; i < bytes; i++) out.write((int) (v >>> (8 * i)) & 0xFF);
    }

    private IllegalArgumentException unsupported(String what) {
        StringBuilder at = new StringBuilder(path.isEmpty() ? "the top level" : "value");
        for (Object step : path) at.append('[').append(step).append(']');
        return new IllegalArgumentException("Checkpoints.save: cannot save " + what + " at " + at);
    }
}

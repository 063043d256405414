package dev.kiln.data;

import static dev.kiln.data.DataFixtures.assertMatches;
import static dev.kiln.data.DataFixtures.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.Tensor;
import dev.kiln.golden.GoldenCases;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays golden/data.json (tools/golden/gen_data.py, PyTorch 1.13): default_collate and default_convert results,
 * the batches and len of DataLoaders over map-style and iterable datasets (with 0, 1 and 3 workers), BatchSampler,
 * ConcatDataset indexing, random_split's lengths, and the errors PyTorch raises for conflicting options.
 */
class DataGoldenTest {
    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : GoldenCases.readFixture("data").get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("id").asText(), () -> run(c)));
        }
        return tests.stream();
    }

    private static void run(JsonNode c) {
        Supplier<Object> call = switch (c.get("kind").asText()) {
            case "collate" -> () -> Collate.defaultCollate((List<?>) decode(c.get("batch")));
            case "convert" -> () -> Collate.defaultConvert(decode(c.get("data")));
            case "loader" -> () -> batchesAndLen(mapLoader(c.get("dataset"), c.get("options")));
            case "iterable" -> () -> batchesAndLen(iterableLoader(c));
            case "batch_sampler" -> () -> batchesAndLen(new BatchSampler(new SequentialSampler(
                    new DataFixtures.ListDataset<>(new ArrayList<>(java.util.Collections.nCopies(c.get("n").asInt(), 0)))),
                    c.get("batch_size").asInt(), c.get("drop_last").asBoolean()));
            case "concat" -> () -> concat(c.get("sizes")).getItem(c.get("index").asLong());
            case "split_lengths" -> () -> {
                double[] fractions = new double[c.get("fractions").size()];
                for (int i = 0; i < fractions.length; i++) fractions[i] = c.get("fractions").get(i).asDouble();
                long n = c.get("n").asLong();
                return Datasets.randomSplit(new DataFixtures.ListDataset<>(new ArrayList<>(java.util.Collections.nCopies((int) n, 0))), fractions, null)
                        .stream().map(Subset::len).toList();
            };
            case "options" -> () -> {
                optionsBuilder(c.get("options")).build();
                return "ok";
            };
            default -> throw new IllegalArgumentException("unknown case kind " + c.get("kind"));
        };
        if (c.has("error")) {
            RuntimeException e = assertThrows(RuntimeException.class, call::get, () -> "PyTorch raised " + c.get("error").asText());
            assertTrue(e instanceof IllegalArgumentException || e instanceof IndexOutOfBoundsException, () -> "a user-facing error, got " + e);
            assertTrue(e.getMessage().contains(c.get("error").asText()), () -> "expected PyTorch's message '" + c.get("error").asText() + "' in: " + e.getMessage());
            return;
        }
        assertMatches(c.get("out"), call.get(), "out");
    }

    /** {"len": len(loader), "batches": list(loader)}, as the generator records them. */
    private static Object batchesAndLen(Iterable<?> iterable) {
        List<Object> batches = new ArrayList<>();
        for (Object batch : iterable) batches.add(batch);
        long len = iterable instanceof DataLoader<?> loader ? loader.len() : ((Sampler<?>) iterable).len();
        var out = new java.util.LinkedHashMap<String, Object>();
        out.put("len", len);
        out.put("batches", batches);
        return out;
    }

    private static DataLoader<Object> mapLoader(JsonNode dataset, JsonNode options) {
        Dataset<?> data;
        if (dataset.has("tensors")) {
            List<Tensor> tensors = new ArrayList<>();
            dataset.get("tensors").forEach(t -> tensors.add(DataFixtures.tensor(t)));
            data = new TensorDataset(tensors.toArray(Tensor[]::new));
        } else {
            data = new DataFixtures.ListDataset<>((List<?>) decode(dataset.get("list")));
        }
        DataLoaderBuilder<?, Object> b = DataLoader.builder(data);
        applyOptions(b, options);
        if (options.has("batch_sampler")) {
            List<List<Long>> batches = new ArrayList<>();
            options.get("batch_sampler").forEach(batch -> {
                List<Long> indices = new ArrayList<>();
                batch.forEach(i -> indices.add(i.asLong()));
                batches.add(indices);
            });
            b.batchSampler(new Sampler<>() {
                @Override
                public java.util.Iterator<List<Long>> iterator() { return batches.iterator(); }

                @Override
                public long len() { return batches.size(); }
            });
        }
        return b.build();
    }

    private static DataLoader<Object> iterableLoader(JsonNode c) {
        var stream = new DataFixtures.RangeStream(c.get("range").get(0).asLong(), c.get("range").get(1).asLong(), c.get("sharded").asBoolean());
        DataLoaderBuilder<Long, Object> b = DataLoader.builder(stream);
        applyOptions(b, c.get("options"));
        return b.build();
    }

    private static void applyOptions(DataLoaderBuilder<?, ?> b, JsonNode o) {
        if (o.has("batch_size")) b.batchSize(o.get("batch_size").isNull() ? null : o.get("batch_size").asInt());
        if (o.has("drop_last")) b.dropLast(o.get("drop_last").asBoolean());
        if (o.has("num_workers")) b.numWorkers(o.get("num_workers").asInt());
        if (o.has("shuffle")) b.shuffle(o.get("shuffle").asBoolean());
        if (o.has("timeout")) b.timeout(o.get("timeout").asDouble());
        if (o.has("prefetch_factor")) b.prefetchFactor(o.get("prefetch_factor").asInt());
        if (o.has("persistent_workers")) b.persistentWorkers(o.get("persistent_workers").asBoolean());
    }

    /** The loader an "options" case describes: over a TensorDataset, or a RangeStream when "iterable". */
    private static DataLoaderBuilder<?, ?> optionsBuilder(JsonNode o) {
        TensorDataset tensors = new TensorDataset(dev.kiln.Torch.arange(7));
        DataLoaderBuilder<?, ?> b = o.path("iterable").asBoolean() ? DataLoader.builder(new DataFixtures.RangeStream(0, 4, false)) : DataLoader.builder(tensors);
        applyOptions(b, o);
        if (o.path("sampler").asBoolean()) b.sampler(new SequentialSampler(tensors));
        if (o.path("batch_sampler").asBoolean()) b.batchSampler(() -> List.of(List.of(0L, 1L), List.of(2L)).iterator());
        return b;
    }

    private static ConcatDataset<Object> concat(JsonNode sizes) {
        List<Dataset<Object>> parts = new ArrayList<>();
        int[] starts = {0, 10, 10, 20};
        for (int i = 0; i < sizes.size(); i++) {
            List<Object> items = new ArrayList<>();
            for (long v = starts[i]; v < starts[i] + sizes.get(i).asLong(); v++) items.add(v);
            parts.add(new DataFixtures.ListDataset<>(items));
        }
        assertEquals(4, parts.size(), "the generator's ConcatDataset has four parts starting at 0, 10, 10 and 20");
        return new ConcatDataset<>(parts);
    }
}

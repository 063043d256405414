package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** torch.result_type / promote_types / can_cast through the Java API (the full tables are checked in ir). */
class TypePromotionApiTest {
    @Test
    void resultTypeWeighsDimensionedTensorsZeroDimTensorsAndScalars() {
        Tensor ints = Torch.tensor(new long[]{1}, Torch.int32);
        assertEquals(Torch.float64, Torch.resultType(ints, Torch.tensor(1.0, Torch.float64)));
        assertEquals(Torch.float32, Torch.resultType(ints, 2.5));
        assertEquals(Torch.int32, Torch.resultType(ints, 7L));
        assertEquals(Torch.uint8, Torch.resultType(Torch.tensor(new long[]{1}, Torch.uint8), true));
    }

    @Test
    void promoteAndCast() {
        assertEquals(Torch.int16, Torch.promoteTypes(Torch.uint8, Torch.int8));
        assertEquals(Torch.float32, Torch.promoteTypes(Torch.float16, Torch.bfloat16));
        assertTrue(Torch.canCast(Torch.int64, Torch.float16));
        assertFalse(Torch.canCast(Torch.float32, Torch.int64));
    }
}

package dev.kiln.ir.type;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks promote_types, can_cast and result_type against the table PyTorch wrote (tools/golden/gen_promotion.py). */
class TypePromotionTest {

    private static List<String[]> table() throws IOException {
        try (var in = new BufferedReader(new InputStreamReader(
                TypePromotionTest.class.getResourceAsStream("/promotion.txt"), StandardCharsets.UTF_8))) {
            return in.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split(" ")).toList();
        }
    }

    @Test
    void matchesPyTorch() throws IOException {
        int checked = 0;
        for (String[] row : table()) {
            String line = String.join(" ", row);
            switch (row[0]) {
                case "promote" -> assertEquals(DType.parse(row[3]), TypePromotion.promote(DType.parse(row[1]), DType.parse(row[2])), line);
                case "cast" -> assertEquals(Boolean.parseBoolean(row[3]), TypePromotion.canCast(DType.parse(row[1]), DType.parse(row[2])), line);
                case "result" -> {
                    TypePromotion.ResultType rt = new TypePromotion.ResultType();
                    for (int i = 1; i < row.length - 1; i++) {
                        String[] p = row[i].split(":");
                        if (p[0].equals("t")) rt.tensor(DType.parse(p[1]), Integer.parseInt(p[2]));
                        else rt.scalar(switch (p[1]) {
                            case "int" -> 2L;
                            case "float" -> 2.5;
                            default -> true;
                        });
                    }
                    assertEquals(DType.parse(row[row.length - 1]), rt.result(), line);
                }
                default -> throw new IllegalStateException(line);
            }
            checked++;
        }
        assertTrue(checked > 400, "checked " + checked);
    }
}

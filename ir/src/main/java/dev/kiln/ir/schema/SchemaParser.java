package dev.kiln.ir.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the TorchScript schema syntax: {@code [ns::]name[.overload](args) -> returns}, with {@code *} for
 * keyword-only arguments, list, optional and alias-annotated types, and Python-literal defaults.
 */
final class SchemaParser {
    private final String text;
    private int pos;

    private SchemaParser(String text) { this.text = text; }

    static Schema parse(String text) {
        SchemaParser p = new SchemaParser(text);
        try {
            return p.schema();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("bad schema at column " + (p.pos + 1) + ": " + e.getMessage() + "\n  " + text
                    + "\n  " + " ".repeat(Math.min(p.pos, text.length())) + "^", e);
        }
    }

    private Schema schema() {
        String full = identifier(true);
        String namespace = "aten";
        int colons = full.indexOf("::");
        if (colons >= 0) {
            namespace = full.substring(0, colons);
            full = full.substring(colons + 2);
        }
        String name = full, overload = "";
        int dot = full.indexOf('.');
        if (dot >= 0) {
            name = full.substring(0, dot);
            overload = full.substring(dot + 1);
        }
        expect('(');
        List<Argument> args = new ArrayList<>();
        boolean kwOnly = false;
        skipSpaces();
        if (peek() != ')') {
            do {
                skipSpaces();
                if (peek() == '*') {
                    pos++;
                    kwOnly = true;
                    continue;
                }
                args.add(argument(kwOnly, true));
            } while (accept(','));
        }
        expect(')');
        expect('-');
        expect('>');
        List<Argument> returns = new ArrayList<>();
        skipSpaces();
        if (peek() == '(') {
            pos++;
            skipSpaces();
            if (peek() != ')') {
                do {
                    returns.add(argument(false, false));
                } while (accept(','));
            }
            expect(')');
        } else {
            returns.add(argument(false, false));
        }
        skipSpaces();
        if (pos != text.length()) throw new IllegalArgumentException("unexpected trailing text");
        return new Schema(namespace, name, overload, args, returns);
    }

    private Argument argument(boolean kwOnly, boolean allowDefault) {
        SchemaType type = type();
        skipSpaces();
        String name = "";
        if (pos < text.length() && (Character.isLetter(peek()) || peek() == '_')) name = identifier(false);
        Object def = Argument.NO_DEFAULT;
        if (allowDefault && accept('=')) def = defaultValue(type);
        return new Argument(name, type, def, kwOnly);
    }

    private SchemaType type() {
        skipSpaces();
        SchemaType.Base base = SchemaType.Base.parse(identifier(false));
        String alias = null;
        boolean mutable = false;
        if (at() == '(') {
            pos++;
            int start = pos;
            while (at() != ')' && at() != '!') pos++;
            alias = text.substring(start, pos).trim();
            if (at() == '!') {
                mutable = true;
                pos++;
            }
            expect(')');
        }
        boolean list = false, elemOptional = false, optional = false;
        int fixed = -1;
        if (at() == '?' && pos + 1 < text.length() && text.charAt(pos + 1) == '[') {
            elemOptional = true;
            pos++;
        }
        if (at() == '[') {
            pos++;
            list = true;
            int start = pos;
            while (Character.isDigit(at())) pos++;
            if (pos > start) fixed = Integer.parseInt(text.substring(start, pos));
            expect(']');
        }
        if (pos < text.length() && at() == '?') {
            optional = true;
            pos++;
        }
        return new SchemaType(base, list, fixed, elemOptional, optional, alias, mutable);
    }

    private Object defaultValue(SchemaType type) {
        skipSpaces();
        char c = peek();
        if (c == '[') {
            pos++;
            List<String> items = new ArrayList<>();
            skipSpaces();
            if (peek() != ']') {
                do {
                    skipSpaces();
                    int start = pos;
                    while (peek() != ',' && peek() != ']') pos++;
                    items.add(text.substring(start, pos).trim());
                } while (accept(','));
            }
            expect(']');
            if (type.base() == SchemaType.Base.FLOAT) {
                return items.stream().mapToDouble(Double::parseDouble).toArray();
            }
            return items.stream().mapToLong(Long::parseLong).toArray();
        }
        if (c == '"' || c == '\'') {
            pos++;
            int start = pos;
            while (peek() != c) pos++;
            String s = text.substring(start, pos);
            pos++;
            return s;
        }
        int start = pos;
        while (pos < text.length() && peek() != ',' && peek() != ')') pos++;
        String word = text.substring(start, pos).trim();
        return switch (word) {
            case "None" -> null;
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            default -> number(word, type);
        };
    }

    private static Object number(String word, SchemaType type) {
        boolean looksNumeric = !word.isEmpty() && (Character.isDigit(word.charAt(0)) || word.charAt(0) == '-'
                || word.charAt(0) == '.' || word.equals("inf"));
        if (!looksNumeric) return word;
        if (word.equals("inf")) return Double.POSITIVE_INFINITY;
        if (word.equals("-inf")) return Double.NEGATIVE_INFINITY;
        boolean integral = !word.contains(".") && !word.contains("e") && !word.contains("E");
        if (type.base() == SchemaType.Base.FLOAT || !integral) return Double.parseDouble(word);
        long v = Long.parseLong(word);
        return v;
    }

    private String identifier(boolean qualified) {
        skipSpaces();
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_' || (qualified && (c == '.' || c == ':'))) pos++;
            else break;
        }
        if (start == pos) throw new IllegalArgumentException("expected a name");
        return text.substring(start, pos);
    }

    private char peek() {
        if (pos >= text.length()) throw new IllegalArgumentException("unexpected end of schema");
        return text.charAt(pos);
    }

    private char at() { return pos < text.length() ? text.charAt(pos) : '\0'; }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') pos++;
    }

    private boolean accept(char c) {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) throw new IllegalArgumentException("expected '" + c + "'");
    }
}

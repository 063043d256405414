package dev.kiln.io;

/** The pickle opcodes {@link PickleReader} and {@link PickleWriter} use (CPython's Lib/pickle.py names) and their shared limits. */
final class Pickle {
    private Pickle() {}

    /** Deepest nesting of containers either side accepts; PyTorch checkpoints nest a handful of levels. */
    static final int MAX_DEPTH = 256;

    static final int MARK = '(', STOP = '.', POP = '0', POP_MARK = '1', DUP = '2', BINPERSID = 'Q', REDUCE = 'R',
            BUILD = 'b', GLOBAL = 'c', NONE = 'N', NEWTRUE = 0x88, NEWFALSE = 0x89, BININT = 'J', BININT1 = 'K',
            BININT2 = 'M', LONG1 = 0x8a, LONG4 = 0x8b, BINFLOAT = 'G', BINSTRING = 'T', SHORT_BINSTRING = 'U',
            BINUNICODE = 'X', SHORT_BINUNICODE = 0x8c, BINUNICODE8 = 0x8d, BINBYTES = 'B', SHORT_BINBYTES = 'C',
            BINBYTES8 = 0x8e, EMPTY_TUPLE = ')', TUPLE = 't', TUPLE1 = 0x85, TUPLE2 = 0x86, TUPLE3 = 0x87,
            EMPTY_LIST = ']', LIST = 'l', APPEND = 'a', APPENDS = 'e', EMPTY_DICT = '}', DICT = 'd', SETITEM = 's',
            SETITEMS = 'u', EMPTY_SET = 0x8f, ADDITEMS = 0x90, FROZENSET = 0x91, NEWOBJ = 0x81, STACK_GLOBAL = 0x93,
            MEMOIZE = 0x94, FRAME = 0x95, PROTO = 0x80, BINGET = 'h', LONG_BINGET = 'j', BINPUT = 'q', LONG_BINPUT = 'r';
}

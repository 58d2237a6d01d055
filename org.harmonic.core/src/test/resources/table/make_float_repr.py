# Produces float_repr.tsv: IEEE-754 bit patterns and Python's repr() of them, the reference for
# PythonFormatTest. Run: python3 make_float_repr.py > float_repr.tsv
import random, struct
random.seed(20261122)
values = [0.0, -0.0, 1.0, 10.0, 0.285, 1e-05, 0.0001, 1e16, 1e15, 123456789012345678.0, 1508544000.0,
          2.0**-1074, 2.0**1023, 0.1 + 0.2, 5e-324, 1.7976931348623157e308, 9007199254740993.0, 33.3, 2.0**60]
for e in range(-30, 30):
    values.append(2.0 ** e)
    values.append(10.0 ** e)
for _ in range(3000):
    kind = random.random()
    if kind < 0.3:
        v = round(random.uniform(-1000, 1000), random.randint(0, 6))
    elif kind < 0.6:
        v = struct.unpack('<d', struct.pack('<Q', random.getrandbits(64)))[0]
    else:
        v = random.uniform(-1, 1) * 10 ** random.randint(-20, 25)
    if v == v and abs(v) != float('inf'):
        values.append(v)
for v in values:
    print('%016x\t%s' % (struct.unpack('<Q', struct.pack('<d', v))[0], repr(v)))

#!/usr/bin/env python3
"""Which B-tree (table or index) each WAL page written by a benchmark's timed part belongs to.

Run a benchmark with KKS_SQLITE_CHECKPOINT=Off (the WAL keeps every frame) and KKS_WAL_COPY=<folder>; it copies the
database, its WAL and the frame count before the timed part there. Then:
    python3 tests/Kks.Workflow.Benchmarks/wal-pages.py <folder>
prints WAL frames per operation by owner (from dbstat on a copy of the end state; a page freed and reused by another
B-tree in between is counted as its last owner).
"""
import collections, os, shutil, sqlite3, struct, sys, tempfile

folder = sys.argv[1]
before, operations = (int(x) for x in open(os.path.join(folder, "frames-before.txt")).read().split())
wal = open(os.path.join(folder, "copy.db-wal"), "rb").read()
page_size = struct.unpack(">I", wal[8:12])[0]
frame = 24 + page_size
pages = [struct.unpack(">I", wal[32 + i * frame:36 + i * frame])[0] for i in range((len(wal) - 32) // frame)]
timed = pages[before:]
work = tempfile.mkdtemp()
for name in ("copy.db", "copy.db-wal"):
    shutil.copy(os.path.join(folder, name), os.path.join(work, name))
db = sqlite3.connect(os.path.join(work, "copy.db"))
owner = dict(db.execute("SELECT pageno, name FROM dbstat"))
counts = collections.Counter(owner.get(p, "(free or new)") for p in timed)
print(f"{len(timed)} frames for {operations} operations: {len(timed) / operations:.1f} per operation")
for name, count in counts.most_common():
    print(f"{count / operations:6.2f}  {name}")

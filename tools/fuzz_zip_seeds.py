#!/usr/bin/env python3
"""Seeds of the read_zip fuzz target (`make fuzz-readers`): small .zip batches of reader fixtures, as
reviewers receive them: deflated and stored members, a folder, a GBK member name without the UTF-8 flag
(what Chinese Windows writes), macOS metadata, and an archive inside the archive.

    python3 tools/fuzz_zip_seeds.py OUT_DIR FIXTURE_DIR
"""
import io
import os
import sys
import zipfile


class GbkInfo(zipfile.ZipInfo):
    """A member whose name is written in GBK, the UTF-8 flag unset."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def archive(members, method):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data, gbk in members:
            info = GbkInfo(name) if gbk else zipfile.ZipInfo(name)
            info.compress_type = method
            z.writestr(info, data)
    return buf.getvalue()


def main(out, fixtures):
    os.makedirs(out, exist_ok=True)
    read = lambda n: open(os.path.join(fixtures, n), "rb").read()
    txt = "一、总体情况\n全年办理行政复议案件12件，同比增长5%。\n".encode("gb18030")
    members = [
        ("区县/城关区法治政府建设情况报告.txt", txt, True),
        ("区县/helloworld.ofd", read("helloworld.ofd"), False),
        ("XiaoBiaoSong.pdf", read("XiaoBiaoSong.pdf"), False),
        ("__MACOSX/._XiaoBiaoSong.pdf", b"\0\5\26\7", False),
    ]
    seeds = {
        "deflated.zip": archive(members, zipfile.ZIP_DEFLATED),
        "stored.zip": archive(members, zipfile.ZIP_STORED),
        "doc.zip": archive([("报告.doc", read("seed-003.doc"), True)], zipfile.ZIP_DEFLATED),
    }
    inner = archive(members[:2], zipfile.ZIP_DEFLATED)
    seeds["nested.zip"] = archive([("inner.zip", inner, False), ("a.txt", txt, False)], zipfile.ZIP_STORED)
    for name, data in seeds.items():
        open(os.path.join(out, name), "wb").write(data)


if __name__ == "__main__":
    main(*sys.argv[1:3])

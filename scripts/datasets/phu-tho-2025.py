#!/usr/bin/env python3
"""Writes the two-tier demo dataset, server/data/datasets/phu-tho-2025/, from maintained data.

Phú Thọ since 1 July 2025: the province (merged with Vĩnh Phúc and Hòa Bình) and its 148
communes and wards, with no district level in between. The communes and wards come from
the PyPI package `vietnam-provinces` (the General Statistics Office's list after the
reform); the departments are the province's after the 2025 reorganisation of its
departments, listed here with the fields each carries out.

Usage (needs the package; nothing else is fetched, and the build never runs this):

    python3 -m venv /tmp/vp && /tmp/vp/bin/pip install vietnam-provinces==2025.10.1
    /tmp/vp/bin/python scripts/datasets/phu-tho-2025.py

Identifiers are built from the statistics office's codes: `G25` for the province's people's
committee, `G25.S01`… for its departments, `G25.X07900` for the people's committee of the
ward with code 07900. They are the demo's, not the national portal's agency codes.
"""
import json
import os
import unicodedata

from importlib.metadata import version

from vietnam_provinces import Province, Ward

VERSION = version("vietnam-provinces")
PROVINCE = "Phú Thọ"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "server", "data", "datasets", "phu-tho-2025")

# The departments after the 2025 reorganisation (Resolution 18-NQ/TW; the province's
# decisions of 2025): which fields of fields.json each carries out. A field no department
# claims goes to the province's people's committee.
DEPARTMENTS = [
    ("so-tai-chinh", "Sở Tài chính", ["doanh-nghiep", "ho-kinh-doanh", "hop-tac-xa", "dau-tu", "tai-chinh"]),
    ("so-noi-vu", "Sở Nội vụ", ["noi-vu", "thi-dua-khen-thuong", "van-thu-luu-tru", "lao-dong", "viec-lam", "nguoi-co-cong"]),
    ("so-tu-phap", "Sở Tư pháp", ["tu-phap", "ho-tich", "chung-thuc", "nuoi-con-nuoi", "ly-lich-tu-phap", "cong-chung", "luat-su", "quoc-tich", "dau-gia-tai-san", "giam-dinh-tu-phap", "tro-giup-phap-ly"]),
    ("so-y-te", "Sở Y tế", ["y-te", "an-toan-thuc-pham", "duoc-my-pham", "kham-chua-benh", "bao-tro-xa-hoi", "tre-em"]),
    ("so-giao-duc-va-dao-tao", "Sở Giáo dục và Đào tạo", ["giao-duc", "giao-duc-nghe-nghiep"]),
    ("so-xay-dung", "Sở Xây dựng", ["xay-dung", "nha-o", "quy-hoach-kien-truc", "giao-thong", "duong-thuy"]),
    ("so-nong-nghiep-va-moi-truong", "Sở Nông nghiệp và Môi trường", ["nong-nghiep", "thu-y", "trong-trot-bvtv", "thuy-san", "lam-nghiep", "thuy-loi", "dat-dai", "tai-nguyen-moi-truong", "moi-truong", "tai-nguyen-nuoc", "khoang-san", "do-dac-ban-do"]),
    ("so-cong-thuong", "Sở Công Thương", ["cong-thuong", "dien"]),
    ("so-khoa-hoc-va-cong-nghe", "Sở Khoa học và Công nghệ", ["khoa-hoc-cong-nghe", "thong-tin-truyen-thong", "bao-chi-xuat-ban"]),
    ("so-van-hoa-the-thao-va-du-lich", "Sở Văn hóa, Thể thao và Du lịch", ["van-hoa", "du-lich", "the-thao", "di-san-van-hoa"]),
    ("so-dan-toc-va-ton-giao", "Sở Dân tộc và Tôn giáo", ["dan-toc", "ton-giao"]),
    ("cong-an-tinh", "Công an tỉnh", ["cu-tru", "xuat-nhap-canh", "phong-chay-chua-chay"]),
    ("ban-quan-ly-cac-khu-cong-nghiep", "Ban Quản lý các khu công nghiệp", []),
]


def slug(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").lower()
    return "-".join("".join(c if c.isalnum() else " " for c in text).split())


def main():
    province = next(p for p in Province.iter_all() if p.name == PROVINCE)
    root = f"G{int(province.code.value):02d}"
    # In alphabetical order (as folded), the order address pickers and the place to apply list them.
    wards = sorted((w for w in Ward.iter_all() if w.province_code == province.code), key=lambda w: (slug(w.name.split(" ", 1)[1]), w.name))
    agencies = {
        "province": {"id": root, "name": f"Ủy ban nhân dân tỉnh {PROVINCE}", "short": f"UBND tỉnh {PROVINCE}"},
        "departments": [
            {"id": f"{root}.S{i:02d}", "slug": s, "name": f"{name} tỉnh {PROVINCE}", "short": name, "fields": fields}
            for i, (s, name, fields) in enumerate(DEPARTMENTS, start=1)
        ],
        # Two tiers: the communes and wards sit right under the province.
        "units": [
            {
                "id": f"{root}.X{int(w.code.value):05d}",
                "slug": slug(w.name),
                "name": f"Ủy ban nhân dân {w.name[0].lower() + w.name[1:]}",
                "short": f"UBND {w.name[0].lower() + w.name[1:]}",
                "units": [],
            }
            for w in wards
        ],
    }
    # Commune-level procedures are listed once, under the agency standing for every commune's
    # people's committee: since 1 July 2025 a commune-level dossier may be filed at any of them.
    # (X00000: no ward has that code. An id must end in digits: a procedure's address ends in
    # its agency's id, and a last segment of letters reads as a file name.)
    agencies["any_commune"] = {"id": f"{root}.X00000", "name": "Ủy ban nhân dân xã, phường", "short": "UBND xã, phường"}
    province_file = {
        "name": PROVINCE,
        "agency_code": root,
        "portal_name": f"Cổng Dịch vụ công tỉnh {PROVINCE}",
        "as_of": "2025, hai cấp (tỉnh, xã) từ ngày 01/7/2025",
        "source": "Đơn vị hành chính cấp xã sau sắp xếp (Tổng cục Thống kê, qua gói vietnam-provinces "
        + VERSION
        + "); không có báo cáo số liệu để đối chiếu: mỗi thủ tục được xếp đúng một lần theo cấp thực hiện",
    }
    os.makedirs(OUT, exist_ok=True)
    for name, value in (("agencies.json", agencies), ("province.json", province_file)):
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            json.dump(value, f, ensure_ascii=False, indent=2)
            f.write("\n")
    print(f"{len(wards)} communes and wards of {PROVINCE} written to {os.path.normpath(OUT)}/")


if __name__ == "__main__":
    main()

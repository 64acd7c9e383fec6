"""The filing body of bench/load.sh: a residence registration (1.004222) by one citizen, its
address the first commune of the areas read on stdin, its document the upload given."""
import json
import sys

province = json.load(sys.stdin)[0]
unit = province["children"][0]
commune = (unit.get("children") or [None])[0]
address = (
    {"province": province["name"], "district": unit["name"], "commune": commune["name"], "street": "Số 5"}
    if commune
    else {"province": province["name"], "district": "", "commune": unit["name"], "street": "Số 5"}
)
name, cccd = "Trần Thị Mai", "026190088123"
print(json.dumps({
    "procedure_code": "1.004222",
    "answers": {
        "applicant": {"kind": "citizen", "full_name": name, "id_number": cccd, "birth_date": "03/03/1990",
                      "sex": "female", "phone": "0912888002", "email": "", "address": address},
        "fields": {"dia_chi_moi": "Số 5", "ho_ten_chu_ho": name, "dinh_danh_chu_ho": cccd,
                   "quan_he_chu_ho": "chu_ho", "truong_hop": "nha_so_huu"},
        "documents": {"giay_to_1": [sys.argv[1]]},
    },
}, ensure_ascii=False))

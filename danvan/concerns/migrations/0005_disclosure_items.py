from django.db import migrations

ITEMS = [
    "Chủ trương, chính sách, quy định liên quan đến cơ quan, đơn vị",
    "Kế hoạch công tác năm của cơ quan, đơn vị",
    "Dự toán, quyết toán và tình hình thực hiện ngân sách",
    "Tài sản, mua sắm tài sản công",
    "Kết quả thanh tra, kiểm tra, kiểm toán",
    "Tuyển dụng",
    "Bổ nhiệm, điều động, luân chuyển cán bộ",
    "Đào tạo, bồi dưỡng",
    "Khen thưởng, kỷ luật",
    "Chế độ, chính sách đối với cán bộ, công chức, viên chức, người lao động",
]


def add(apps, schema_editor):
    DisclosureItem = apps.get_model("concerns", "DisclosureItem")
    for position, name in enumerate(ITEMS):
        DisclosureItem.objects.get_or_create(name=name, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("concerns", "0004_disclosures")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]

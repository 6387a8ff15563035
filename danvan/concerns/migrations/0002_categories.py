from django.db import migrations

CATEGORIES = [
    ("Tiền lương, chế độ chính sách", 15),
    ("Điều kiện làm việc", 15),
    ("Công tác cán bộ, bổ nhiệm", 20),
    ("Tài chính, tài sản", 20),
    ("Kỷ luật, đạo đức, lối sống", 20),
    ("Dịch vụ công, thủ tục hành chính", 10),
    ("Đất đai, môi trường", 30),
    ("Khác", 15),
]


def add(apps, schema_editor):
    Category = apps.get_model("concerns", "Category")
    for position, (name, days) in enumerate(CATEGORIES):
        Category.objects.get_or_create(name=name, defaults={"days": days, "position": position})


class Migration(migrations.Migration):
    dependencies = [("concerns", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]

"""Which kind of activity fulfils a task, read from its words (the first match wins)."""

import pytest

from danvan.programs.classify import activity_kind
from danvan.programs.models import ActivityKind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Bí thư các chi bộ tiếp công dân định kỳ ít nhất 1 ngày mỗi tháng.", ActivityKind.DIALOGUE),
        ("Tổ chức tốt việc tiếp dân, thực hiện đối thoại với nhân dân.", ActivityKind.DIALOGUE),
        ("Tổ chức hội nghị cán bộ, công chức, viên chức hằng năm.", ActivityKind.STAFF_CONFERENCE),
        ("Công đoàn cơ quan giám sát việc thực hiện quy chế dân chủ ở cơ sở.", ActivityKind.DEMOCRACY_SUPERVISION),
        ("Xây dựng và thực hiện Quy chế dân chủ, công khai tài chính.", ActivityKind.DISCLOSURE),
        ("Sinh hoạt chi bộ chuyên đề về công tác dân vận.", ActivityKind.THEMATIC_MEETING),
        ("Một việc không có từ khóa nào.", ActivityKind.OTHER),
    ],
)
def test_the_activity_kind_is_read_from_the_words(text, kind):
    assert activity_kind(text) == kind

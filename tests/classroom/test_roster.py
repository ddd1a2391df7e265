"""roster.csv: who is expected; a roster that does not parse is one line naming file and line."""

from __future__ import annotations

import pytest

from grader.classroom.roster import RosterError, Student, read_roster


def test_reads_ids_names_and_emails_with_an_excel_bom(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes("\ufeffstudent_id,name,email\ns001,李华,li@example.edu\n\n"
                     's002,"Lovelace, Ada",\n'.encode())
    assert read_roster(path) == [Student("s001", "李华", "li@example.edu"),
                                 Student("s002", "Lovelace, Ada", "")]


@pytest.mark.parametrize(("content", "said"), [
    (b"", "empty"),
    (b"id,name\ns001,Ada\n", "line 1"),
    (b"student_id,name\ns001,Ada\ns001,Bob\n", "line 3: duplicate student_id 's001'"),
    (b"student_id,name\ns001,Ada,x,y\n", "line 2"),
    (b"student_id,name\n../etc,Ada\n", "line 2"),
    (b"student_id,name\ns001,\xff\xfe\n", "not UTF-8"),
])
def test_a_bad_roster_is_one_line_naming_the_place(tmp_path, content, said):
    path = tmp_path / "roster.csv"
    path.write_bytes(content)
    with pytest.raises(RosterError) as caught:
        read_roster(path)
    message = str(caught.value)
    assert said in message and str(path) in message and "\n" not in message

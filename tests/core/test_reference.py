import pytest

from portal.core.reference import ALPHABET, reference_generate, reference_normalise


def test_generated_codes_are_well_formed_and_valid():
    codes = {reference_generate() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert len(code) == 11 and code[4] == "-" and code[9] == "-"
        assert reference_normalise(code) == code


def test_typed_codes_are_read_forgivingly():
    code = reference_generate()
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert reference_normalise(typed) == code


def test_every_single_mistyped_character_is_caught():
    code = reference_generate()
    compact = code.replace("-", "")
    for position in range(len(compact)):
        for char in ALPHABET:
            if char == compact[position]:
                continue
            wrong = compact[:position] + char + compact[position + 1 :]
            assert reference_normalise(wrong) is None, wrong


@pytest.mark.parametrize("text", ["", "ABCD", "ABCD-EFGH-JK", "ABCD-EFGH-!", "ÀBCD-EFGH-J"])
def test_malformed_input_is_refused(text):
    assert reference_normalise(text) is None

import pytest
from django.core.exceptions import ValidationError

from portal.vocabulary.validators import (
    credit_code_check_character,
    validate_credit_code,
    validate_latitude,
    validate_longitude,
    validate_occupation_code,
    validate_year,
)

# Published example codes whose check character is known to be right.
KNOWN_GOOD_CREDIT_CODES = ["91350100M000100Y43", "914403001922038216"]


def messages(error):
    return " ".join(error.value.messages)


@pytest.mark.parametrize("code", ["6-18-01-01", "2-02-38-05", "4-04-05-05", "8-00-00-00"])
def test_occupation_codes_in_the_dadian_format_are_accepted(code):
    validate_occupation_code(code)


@pytest.mark.parametrize("code", ["6-18-1-01", "61801 01", "9-18-01-01", "0-18-01-01", "", "车工"])
def test_malformed_occupation_codes_are_rejected_with_the_expected_format(code):
    with pytest.raises(ValidationError) as error:
        validate_occupation_code(code)
    assert "D-DD-DD-DD" in messages(error)


@pytest.mark.parametrize("code", KNOWN_GOOD_CREDIT_CODES)
def test_credit_codes_with_a_correct_check_character_are_accepted(code):
    validate_credit_code(code)


def test_check_character_is_computed_per_gb_32100():
    assert credit_code_check_character("91350100M000100Y4") == "3"


def test_a_wrong_credit_code_check_character_is_rejected_naming_the_expected_one():
    with pytest.raises(ValidationError) as error:
        validate_credit_code("91350100M000100Y44")
    assert "校验位错误" in messages(error)
    assert "“3”" in messages(error)


def test_a_credit_code_of_the_wrong_length_is_rejected():
    with pytest.raises(ValidationError) as error:
        validate_credit_code("91350100M000100Y4")
    assert "18 位" in messages(error)


@pytest.mark.parametrize("bad", ["I", "O", "S", "V", "Z", "a"])
def test_a_credit_code_with_a_letter_gb_32100_excludes_is_rejected(bad):
    with pytest.raises(ValidationError) as error:
        validate_credit_code("91350100M000100Y4" + bad)
    assert "不允许的字符" in messages(error)


def test_a_credit_code_whose_division_part_is_not_digits_is_rejected():
    with pytest.raises(ValidationError) as error:
        validate_credit_code("9135A100M000100Y43")
    assert "行政区划码" in messages(error)


def test_coordinates_inside_chongqing_are_accepted():
    validate_latitude(29.5630)  # 解放碑
    validate_longitude(106.5516)


@pytest.mark.parametrize("latitude", [39.9042, 0, -29.56])
def test_a_latitude_outside_chongqing_is_rejected(latitude):
    with pytest.raises(ValidationError) as error:
        validate_latitude(latitude)
    assert "不在重庆市范围内" in messages(error)


@pytest.mark.parametrize("longitude", [116.4074, 0])
def test_a_longitude_outside_chongqing_is_rejected(longitude):
    with pytest.raises(ValidationError) as error:
        validate_longitude(longitude)
    assert "不在重庆市范围内" in messages(error)


@pytest.mark.parametrize("year", [1900, 1948, 2101, 20250])
def test_years_outside_a_sane_range_are_rejected(year):
    with pytest.raises(ValidationError) as error:
        validate_year(year)
    assert "合理范围" in messages(error)


@pytest.mark.parametrize("year", [1949, 2025, 2100])
def test_years_inside_the_range_are_accepted(year):
    validate_year(year)
